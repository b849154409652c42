using System.Collections.Immutable;
using System.Text.Json;
using CrisisCenter.Application.Projections;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// The public website's content, folded from the store: a statement appears (per language) when its post on a
/// Feed channel is delivered - so a scheduled statement appears at its time, through the dispatcher - and only for
/// incidents of normal visibility. Delivered Correct/Retract posts mark the original entry corrected or retracted.
/// Also the source of the CAP feed (<see cref="CapMessages"/>). Applied by one thread in store order; readers get
/// immutable snapshots.
/// </summary>
/// <remarks>
/// A node restores it from its read store at start (<see cref="IRestorableProjection"/>): after each batch the host
/// saves what it keeps of every incident the batch touched (the incident's facts, its statements' texts, its posts,
/// its public entries and CAP messages), so a restart neither replays history nor loses a published entry.
/// </remarks>
public sealed class PublicStatements(IChannelTargets targets) : IRestorableProjection
{
    private readonly Dictionary<Guid, IncidentFacts> incidents = [];
    private readonly Dictionary<Guid, StatementFacts> statements = [];
    private readonly Dictionary<Guid, ChannelPostScheduled> posts = [];
    // What belongs to each incident, so saving one incident's state does not scan every statement and post.
    private readonly Dictionary<Guid, HashSet<Guid>> statementsOf = [];
    private readonly Dictionary<Guid, HashSet<Guid>> postsOf = [];
    private readonly Dictionary<Guid, long> lastDeliveredAt = [];
    // Posts kept after their delivery (website originals), told apart from those still on their way.
    private readonly HashSet<Guid> delivered = [];
    // Per statement, its posts not delivered yet: while any is, the statement's texts are kept.
    private readonly Dictionary<Guid, int> openPosts = [];
    private ImmutableDictionary<(Guid, Language), FeedEntry> entries = ImmutableDictionary<(Guid, Language), FeedEntry>.Empty;
    private ImmutableDictionary<Guid, CapMessage> capMessages = ImmutableDictionary<Guid, CapMessage>.Empty;
    private volatile Snapshot snapshot = Snapshot.Empty;

    public Snapshot Current => snapshot;

    public string StateName => "public-statements";

    public string? SaveIncident(Guid incidentId)
    {
        var statementIds = statementsOf.GetValueOrDefault(incidentId) ?? [];
        var postIds = postsOf.GetValueOrDefault(incidentId) ?? [];
        if (!incidents.TryGetValue(incidentId, out var incident) && statementIds.Count == 0 && postIds.Count == 0) return null;
        var saved = new SavedIncident(
            incident,
            [.. statementIds.Select(id => SavedStatement.From(id, statements[id]))],
            [.. postIds.Select(id => posts[id])],
            [.. statementIds.SelectMany(id => Enum.GetValues<Language>().Select(language => (id, language))).Where(entries.ContainsKey).Select(key => entries[key])],
            [.. statementIds.Where(capMessages.ContainsKey).Select(id => capMessages[id])],
            lastDeliveredAt.GetValueOrDefault(incidentId, -1),
            [.. postIds.Where(delivered.Contains)]);
        return JsonSerializer.Serialize(saved, Json);
    }

    public void RestoreIncident(Guid incidentId, string state)
    {
        var saved = JsonSerializer.Deserialize<SavedIncident>(state, Json) ?? throw new InvalidDataException($"An empty public-statements state for {incidentId}.");
        if (saved.Incident is { } incident) incidents[incidentId] = incident with { Regions = [.. incident.Regions] };
        foreach (var statement in saved.Statements)
        {
            statements[statement.Id] = new StatementFacts(statement.Kind, statement.References,
                statement.Revisions.ToImmutableDictionary(r => r.Key, r => (IReadOnlyDictionary<Language, StatementText>)r.Value));
            Own(statementsOf, incidentId, statement.Id);
        }

        foreach (var post in saved.Posts)
        {
            posts[post.PostId] = post;
            Own(postsOf, incidentId, post.PostId);
        }

        entries = entries.SetItems(saved.Entries.Select(e => KeyValuePair.Create((e.StatementId, e.Language), e)));
        capMessages = capMessages.SetItems(saved.CapMessages.Select(m => KeyValuePair.Create(m.StatementId, m with
        {
            Regions = [.. m.Regions], References = [.. m.References], Content = m.Content.ToImmutableDictionary(),
        })));
        lastDeliveredAt[incidentId] = saved.LastDeliveredAt;
        delivered.UnionWith(saved.Delivered ?? []);
        foreach (var post in saved.Posts.Where(p => !delivered.Contains(p.PostId)))
            openPosts[post.StatementId] = openPosts.GetValueOrDefault(post.StatementId) + 1;
        snapshot = new Snapshot(entries, capMessages, Math.Max(snapshot.Position, saved.LastDeliveredAt));
    }

    public void Clear()
    {
        incidents.Clear();
        statements.Clear();
        posts.Clear();
        statementsOf.Clear();
        postsOf.Clear();
        lastDeliveredAt.Clear();
        delivered.Clear();
        openPosts.Clear();
        entries = ImmutableDictionary<(Guid, Language), FeedEntry>.Empty;
        capMessages = ImmutableDictionary<Guid, CapMessage>.Empty;
        snapshot = Snapshot.Empty;
    }

    public void Apply(ProjectedEvent projected)
    {
        switch (projected.Event)
        {
            case IncidentDeclared e:
                incidents[e.IncidentId] = new IncidentFacts(e.Code, e.Title, e.Category, e.Severity, [.. e.Regions], e.Visibility, e.IsPublicWarning);
                return;
            case IncidentDetailsAmended e when incidents.TryGetValue(e.IncidentId, out var incident):
                incidents[e.IncidentId] = incident with { Title = e.Title, Category = e.Category, Regions = [.. e.Regions] };
                return;
            case IncidentSeverityChanged e when incidents.TryGetValue(e.IncidentId, out var incident):
                incidents[e.IncidentId] = incident with { Severity = e.To };
                return;
            case StatementDrafted e:
                statements[e.StatementId] = new StatementFacts(e.Kind, e.ReferencesStatementId, ImmutableDictionary<int, IReadOnlyDictionary<Language, StatementText>>.Empty.Add(e.Revision, e.Content));
                Own(statementsOf, e.IncidentId, e.StatementId);
                return;
            case StatementRevised e when statements.TryGetValue(e.StatementId, out var statement):
                statements[e.StatementId] = statement with { Revisions = statement.Revisions.SetItem(e.Revision, e.Content) };
                return;
            case ChannelPostScheduled e:
                posts[e.PostId] = e;
                Own(postsOf, e.IncidentId, e.PostId);
                openPosts[e.StatementId] = openPosts.GetValueOrDefault(e.StatementId) + 1;
                return;
            case ChannelPostDelivered e:
                Delivered(e.PostId, e.At, projected.Position);
                Forget(e.PostId);
                return;
            case ChannelPostDeliveryConfirmed e:
                Delivered(e.PostId, e.At, projected.Position);
                Forget(e.PostId);
                return;
        }
    }

    /// <summary>
    /// Lets go of what a delivered post no longer needs, so this model keeps what the public outputs show rather than
    /// every post and every text ever written: a delivered post is kept only if a later correction or retraction can
    /// name it as its original on the website feed; a statement's texts are kept only while one of its posts may still
    /// be delivered (its entries and CAP messages hold the texts from then on).
    /// </summary>
    private void Forget(Guid postId)
    {
        if (!posts.TryGetValue(postId, out var post) || delivered.Contains(postId)) return;
        var keep = post.Action == ChannelPostAction.Publish && targets.Find(post.Channel)?.Kind == ChannelKind.Feed;
        if (keep)
        {
            delivered.Add(postId);
        }
        else
        {
            posts.Remove(postId);
            if (postsOf.TryGetValue(post.IncidentId, out var ids)) ids.Remove(postId);
        }

        var open = openPosts.GetValueOrDefault(post.StatementId) - 1;
        if (open > 0)
        {
            openPosts[post.StatementId] = open;
        }
        else
        {
            openPosts.Remove(post.StatementId);
            if (statements.TryGetValue(post.StatementId, out var statement))
                statements[post.StatementId] = statement with { Revisions = statement.Revisions.Clear() };
        }
    }

    private static void Own(Dictionary<Guid, HashSet<Guid>> index, Guid incidentId, Guid id)
    {
        if (!index.TryGetValue(incidentId, out var ids)) index[incidentId] = ids = [];
        ids.Add(id);
    }

    private void Delivered(Guid postId, DateTimeOffset at, long position)
    {
        if (!posts.TryGetValue(postId, out var post)
            || !incidents.TryGetValue(post.IncidentId, out var incident)
            || incident.Visibility != Visibility.Normal
            || targets.Find(post.Channel)?.Kind is not ({ } kind and (ChannelKind.Feed or ChannelKind.Cap)))
            return;

        if (kind == ChannelKind.Cap)
        {
            if (incident.IsPublicWarning) AddCapMessage(post, incident, at);
        }
        else if (post.Action == ChannelPostAction.Publish)
        {
            AddEntry(post, incident, at);
        }
        else if (posts.TryGetValue(post.OriginalPostId ?? Guid.Empty, out var original)
                 && entries.TryGetValue((original.StatementId, original.Language), out var amended))
        {
            entries = entries.SetItem((original.StatementId, original.Language), amended with
            {
                Status = post.Action == ChannelPostAction.Retract ? FeedEntryStatus.Retracted : FeedEntryStatus.Corrected,
                AmendedBy = post.StatementId,
                Updated = at,
            });
        }

        lastDeliveredAt[post.IncidentId] = position;
        snapshot = new Snapshot(entries, capMessages, position);
    }

    private void AddEntry(ChannelPostScheduled post, IncidentFacts incident, DateTimeOffset at)
    {
        if (entries.ContainsKey((post.StatementId, post.Language))
            || !statements.TryGetValue(post.StatementId, out var statement)
            || !statement.Revisions.TryGetValue(post.Revision, out var content)
            || !content.TryGetValue(post.Language, out var text))
            return;
        entries = entries.Add((post.StatementId, post.Language), new FeedEntry(
            post.StatementId, post.Language, post.IncidentId, incident.Code, incident.Title, statement.Kind, post.Revision, text, at, at,
            FeedEntryStatus.Published, Amends: statement.References));
    }

    private void AddCapMessage(ChannelPostScheduled post, IncidentFacts incident, DateTimeOffset at)
    {
        if (capMessages.ContainsKey(post.StatementId)
            || !statements.TryGetValue(post.StatementId, out var statement)
            || !statement.Revisions.TryGetValue(post.Revision, out var content))
            return;

        var earlier = capMessages.Values.Where(m => m.IncidentId == post.IncidentId).OrderBy(m => m.Sent).ToList();
        var (type, references) = statement.Kind switch
        {
            StatementKind.Correction => (CapMessageType.Update, earlier.Where(m => m.StatementId == statement.References).ToList()),
            StatementKind.Retraction => (CapMessageType.Cancel, earlier.Where(m => m.StatementId == statement.References).ToList()),
            _ => earlier.Count == 0 ? (CapMessageType.Alert, earlier) : (CapMessageType.Update, earlier),
        };
        capMessages = capMessages.Add(post.StatementId, new CapMessage(
            post.StatementId, post.IncidentId, incident.Code, incident.Category, incident.Severity, incident.Regions, at, type,
            [.. references.Select(m => new CapReference(m.StatementId, m.Sent))],
            content.ToImmutableDictionary(), statement.Kind));
    }

    public sealed record Snapshot(
        ImmutableDictionary<(Guid StatementId, Language Language), FeedEntry> Entries,
        ImmutableDictionary<Guid, CapMessage> CapMessages,
        long Position)
    {
        public static Snapshot Empty { get; } = new(ImmutableDictionary<(Guid, Language), FeedEntry>.Empty, ImmutableDictionary<Guid, CapMessage>.Empty, -1);

        /// <summary>Newest first.</summary>
        public IReadOnlyList<FeedEntry> EntriesIn(Language language) =>
            [.. Entries.Values.Where(e => e.Language == language).OrderByDescending(e => e.Published).ThenBy(e => e.StatementId)];
    }

    private sealed record IncidentFacts(
        string Code, string Title, IncidentCategory Category, Severity Severity, ImmutableList<string> Regions, Visibility Visibility, bool IsPublicWarning);

    private sealed record StatementFacts(StatementKind Kind, Guid? References, ImmutableDictionary<int, IReadOnlyDictionary<Language, StatementText>> Revisions);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>One incident's part of this read model as the read store keeps it.</summary>
    private sealed record SavedIncident(
        IncidentFacts? Incident, List<SavedStatement> Statements, List<ChannelPostScheduled> Posts, List<FeedEntry> Entries,
        List<CapMessage> CapMessages, long LastDeliveredAt, List<Guid>? Delivered);

    private sealed record SavedStatement(Guid Id, StatementKind Kind, Guid? References, Dictionary<int, Dictionary<Language, StatementText>> Revisions)
    {
        public static SavedStatement From(Guid id, StatementFacts facts) =>
            new(id, facts.Kind, facts.References, facts.Revisions.ToDictionary(r => r.Key, r => r.Value.ToDictionary()));
    }
}
