using System.Globalization;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Turns events into <see cref="TimelineEntry"/> lines. Some lines need what earlier events said (a delivery names
/// its post, not the post's channel), so the narrator remembers statement kinds and post targets in its
/// <see cref="INarratorMemory"/> (in memory, or in the node's read store so it survives a restart without a replay);
/// it is fed in store order by one thread, like a projection.
/// </summary>
internal sealed class TimelineNarrator(INarratorMemory memory)
{
    // User text in a summary is cut so the line stays one short line; the full text is in Details.
    private const int MaxQuotedLength = 140;

    /// <summary>Detail key set on entries that need an operator (an abandoned or uncertain post): the dashboard shows them as alerts.</summary>
    public const string AlertDetail = "alert";
    public const string AlertOperatorAction = "operator-action";

    public TimelineNarrator()
        : this(new InMemoryNarratorMemory())
    {
    }

    // Entries are kept for every event: their type, actor and agency are shared, not copied per event.
    private readonly StringPool _strings = new();

    public TimelineEntry Narrate(ProjectedEvent e)
    {
        var line = e.Event switch
        {
            IncidentDeclared x => Incident($"Incident {x.Code} declared: {Quote(x.Title)} ({x.Severity}, {x.Category})")
                .With("code", x.Code).With("title", x.Title).With("description", x.Description)
                .With("category", x.Category.ToString()).With("severity", x.Severity.ToString())
                .With("regions", Join(x.Regions)).With("leadAgency", x.LeadAgency)
                .With("participatingAgencies", Join(x.ParticipatingAgencies)).With("visibility", x.Visibility.ToString())
                .With("requiredLanguages", Join(x.RequiredLanguages.Select(l => l.ToCode())))
                .With("isPublicWarning", Text(x.IsPublicWarning)),
            IncidentDetailsAmended x => Incident($"Incident details amended: {Quote(x.Title)}")
                .With("title", x.Title).With("description", x.Description)
                .With("category", x.Category.ToString()).With("regions", Join(x.Regions)),
            IncidentSeverityChanged x => Incident($"Severity {(x.To > x.From ? "raised" : "lowered")} from {x.From} to {x.To}")
                .With("from", x.From.ToString()).With("to", x.To.ToString()).With("reason", x.Reason),
            AgencyJoinedIncident x => Incident($"Agency {x.AgencyCode} joined the incident").With("agencyCode", x.AgencyCode),
            AgencyLeftIncident x => Incident($"Agency {x.AgencyCode} left the incident").With("agencyCode", x.AgencyCode),
            IncidentStabilized x => Incident("Incident stabilized").With("note", x.Note),
            IncidentClosed x => Incident("Incident closed").With("summary", x.Summary),
            IncidentReopened x => Incident("Incident reopened").With("reason", x.Reason),
            IncidentUpdateOverdue x => Incident($"Public update overdue: none published within {Minutes(x.Cadence)} minutes (due {x.DueAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)")
                .With("dueAt", x.DueAt.ToString("O", CultureInfo.InvariantCulture)).With("cadenceMinutes", Minutes(x.Cadence)),

            SituationUpdateLogged x => SituationUpdate(
                    $"{(x.Verified ? "Verified" : "Unverified")} situation update: {Quote(x.Text)}", x.UpdateId, x.Language)
                .With("text", x.Text).With("source", x.Source).With("regionCode", x.RegionCode).With("verified", Text(x.Verified)),
            SituationUpdateCorrected x => SituationUpdate($"Situation update corrected: {Quote(x.Text)}", x.UpdateId, x.Language)
                .With("correctsUpdateId", Text(x.CorrectsUpdateId)).With("text", x.Text).With("reason", x.Reason)
                .With("source", x.Source).With("regionCode", x.RegionCode).With("verified", Text(x.Verified)),

            StatementDrafted x => Drafted(x),
            StatementRevised x => Statement($"{KindOf(x.StatementId)} revised (revision {x.Revision})", x.StatementId)
                .With("revision", Text(x.Revision)).With("contentHash", x.ContentHash).WithHeadlines(x.Content),
            StatementSubmitted x => Statement($"{KindOf(x.StatementId)} revision {x.Revision} submitted for approval", x.StatementId)
                .With("revision", Text(x.Revision)).With("contentHash", x.ContentHash),
            StatementApproved x => Approval(
                    $"{KindOf(x.StatementId)} revision {x.Revision} approved ({x.ApprovalsSoFar} of {x.ApprovalsRequired})", x.StatementId)
                .With("revision", Text(x.Revision)).With("contentHash", x.ContentHash)
                .With("approvalsSoFar", Text(x.ApprovalsSoFar)).With("approvalsRequired", Text(x.ApprovalsRequired)),
            StatementApprovalRequirementChanged x => Approval(
                    $"{KindOf(x.StatementId)} revision {x.Revision} now needs {Count(x.ApprovalsRequired, "approval")} ({x.ApprovalsSoFar} so far)",
                    x.StatementId)
                .With("revision", Text(x.Revision))
                .With("approvalsSoFar", Text(x.ApprovalsSoFar)).With("approvalsRequired", Text(x.ApprovalsRequired)),
            StatementRejected x => Statement($"{KindOf(x.StatementId)} revision {x.Revision} rejected", x.StatementId)
                .With("revision", Text(x.Revision)).With("reason", x.Reason),
            StatementPublished x => Statement(
                    $"{KindOf(x.StatementId)} revision {x.Revision} published{(x.Channels.Count > 0 ? " to " + string.Join(", ", x.Channels) : "")}",
                    x.StatementId)
                .With("revision", Text(x.Revision)).With("contentHash", x.ContentHash)
                .With("channels", Join(x.Channels)).With("notBefore", Text(x.NotBefore)),

            ChannelPostScheduled x => Scheduled(x),
            ChannelPostSending x => Post(x.PostId, target => $"Post on {target}: sending attempt {x.Attempt}")
                .With("attempt", Text(x.Attempt)),
            ChannelPostDelivered x => Post(x.PostId, target => $"Post delivered on {target} at attempt {x.Attempt}{(x.Url is null ? "" : ": " + x.Url)}")
                .With("attempt", Text(x.Attempt)).With("externalId", x.ExternalId).With("url", x.Url),
            ChannelPostFailed x => Post(x.PostId, target => $"Post on {target} failed at attempt {x.Attempt}{(x.NextRetryAt is { } next ? $", next attempt at {Utc(next)} UTC" : ", no automatic retry")}")
                .With("attempt", Text(x.Attempt)).With("error", x.Error).With("nextRetryAt", Text(x.NextRetryAt)),
            ChannelPostAbandoned x => Post(x.PostId, target => $"Alert: post on {target} abandoned after {Count(x.Attempts, "attempt")}; an operator may retry it")
                .With("attempts", Text(x.Attempts)).With("error", x.Error).With(AlertDetail, AlertOperatorAction),
            ChannelPostUncertain x => Post(x.PostId, target => $"Post on {target} uncertain at attempt {x.Attempt}: an operator must confirm it or send it again")
                .With("attempt", Text(x.Attempt)).With("note", x.Note).With(AlertDetail, AlertOperatorAction),
            ChannelPostRetryRequested x => Post(x.PostId, target => $"Operator handed the {x.From.ToString().ToLowerInvariant()} post on {target} back to the dispatcher")
                .With("from", x.From.ToString()).With("note", x.Note),
            ChannelPostDeliveryConfirmed x => Post(x.PostId, target => $"Operator confirmed the post on {target} as delivered{(x.Url is null ? "" : ": " + x.Url)}")
                .With("externalId", x.ExternalId).With("url", x.Url).With("note", x.Note),

            RumorLogged x => Rumor($"Rumour logged: {Quote(x.Claim)}", x.RumorId)
                .With("claim", x.Claim).With("whereSeen", x.WhereSeen).With("link", x.Link)
                .With("firstSeenAt", Text(x.FirstSeenAt)).With("estimatedReach", x.EstimatedReach?.ToString(CultureInfo.InvariantCulture)),
            RumorAssessed x => Rumor($"Rumour assessed as {x.Verdict.ToString().ToLowerInvariant()}", x.RumorId)
                .With("verdict", x.Verdict.ToString()).With("evidence", x.Evidence),
            RumorRebutted x => new Line(TimelineKinds.Rumor, $"Rumour rebutted by {KindOf(x.StatementId).ToLowerInvariant()} revision {x.Revision}")
            {
                RumorId = x.RumorId, StatementId = x.StatementId,
            }.With("revision", Text(x.Revision)),
            RumorClosed x => Rumor("Rumour closed", x.RumorId).With("reason", x.Reason),

            _ => new Line(KindOfUnknown(e.Type), $"{e.Event.GetType().Name} recorded"),
        };

        var @event = e.Event;
        return new TimelineEntry(
            e.Position, e.EventId, e.IncidentId, e.Revision, _strings.Get(e.Type)!, line.Kind, @event.At,
            _strings.Get(e.Metadata.ActorId ?? @event.By)!, _strings.Get(e.Metadata.ActorName), _strings.Get(e.Metadata.AgencyCode), line.Language?.ToCode(),
            line.Summary, line.StatementId, line.RumorId, line.UpdateId, line.PostId, CompactDetails.From(line.Details));
    }

    private Line Drafted(StatementDrafted x)
    {
        memory.RememberStatementKind(x.StatementId, x.Kind);
        return Statement($"{KindOf(x.StatementId)} drafted (revision {x.Revision})", x.StatementId)
            .With("kind", x.Kind.ToString()).With("revision", Text(x.Revision)).With("contentHash", x.ContentHash)
            .With("referencesStatementId", Text(x.ReferencesStatementId)).With("referencesRumorId", Text(x.ReferencesRumorId))
            .WithHeadlines(x.Content);
    }

    private Line Scheduled(ChannelPostScheduled x)
    {
        var target = new PostTarget(x.StatementId, x.Channel, x.Language);
        memory.RememberPost(x.PostId, target);
        var what = x.Action switch
        {
            ChannelPostAction.Correct => "Correction post",
            ChannelPostAction.Retract => "Retraction post",
            _ => "Post",
        };
        return Post(x.PostId, _ => $"{what} scheduled on {target}")
            .With("channel", x.Channel).With("action", x.Action.ToString()).With("revision", Text(x.Revision))
            .With("originalPostId", Text(x.OriginalPostId)).With("idempotencyKey", x.IdempotencyKey).With("notBefore", Text(x.NotBefore));
    }

    private Line Post(Guid postId, Func<string, string> summary)
    {
        if (memory.FindPost(postId) is not { } target)
        {
            return new Line(TimelineKinds.ChannelPost, summary("an unknown channel")) { PostId = postId };
        }

        return new Line(TimelineKinds.ChannelPost, summary(target.ToString()))
        {
            PostId = postId, StatementId = target.StatementId, Language = target.Language,
        }.With("channel", target.Channel);
    }

    private string KindOf(Guid statementId) =>
        memory.FindStatementKind(statementId) is { } kind
            ? kind switch
            {
                StatementKind.Holding => "Holding statement",
                StatementKind.Update => "Update statement",
                _ => kind.ToString(),
            }
            : "Statement";

    private static Line Incident(string summary) => new(TimelineKinds.Incident, summary);

    private static Line SituationUpdate(string summary, Guid updateId, Language language) =>
        new(TimelineKinds.SituationUpdate, summary) { UpdateId = updateId, Language = language };

    private static Line Statement(string summary, Guid statementId) => new(TimelineKinds.Statement, summary) { StatementId = statementId };

    private static Line Approval(string summary, Guid statementId) => new(TimelineKinds.Approval, summary) { StatementId = statementId };

    private static Line Rumor(string summary, Guid rumorId) => new(TimelineKinds.Rumor, summary) { RumorId = rumorId };

    // A known event type this narrator has no line for yet: classify it by its stored name.
    private static string KindOfUnknown(string type) => type.Split('.')[0] switch
    {
        "statement" => TimelineKinds.Statement,
        "channel_post" => TimelineKinds.ChannelPost,
        "rumor" => TimelineKinds.Rumor,
        "situation_update" => TimelineKinds.SituationUpdate,
        _ => TimelineKinds.Incident,
    };

    /// <summary>User text as one short line: whitespace runs (line breaks included) become one space.</summary>
    internal static string Quote(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxQuotedLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxQuotedLength - 1).TrimEnd(), "…");
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Join(IEnumerable<string> values) => string.Join(",", values);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan cadence) => ((long)cadence.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    private static string? Text(Guid? value) => value?.ToString("D");

    private static string? Text(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    private sealed record Line(string Kind, string Summary)
    {
        public Language? Language { get; init; }
        public Guid? StatementId { get; init; }
        public Guid? RumorId { get; init; }
        public Guid? UpdateId { get; init; }
        public Guid? PostId { get; init; }
        public Dictionary<string, string?> Details { get; } = new(StringComparer.Ordinal);

        /// <summary>Adds a detail; absent values are left out to keep pushed entries small.</summary>
        public Line With(string key, string? value)
        {
            if (value is not null)
            {
                Details[key] = value;
            }

            return this;
        }

        public Line WithHeadlines(IReadOnlyDictionary<Language, StatementText> content)
        {
            foreach (var language in LanguageCodes.All)
            {
                if (content.TryGetValue(language, out var text))
                {
                    With("headline." + language.ToCode(), text.Headline);
                }
            }

            return this;
        }
    }
}
