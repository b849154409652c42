using System.Collections.Immutable;
using System.Text.Json;
using CrisisCenter.Application.Projections;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// What the <see cref="IncidentUpdateNotifier"/> needs of each incident, as a read model of the node's
/// <see cref="ProjectionHost"/>: the incident as its incident-level changes left it (what a payload shows) and the
/// <c>incident.updated</c> notices made for those changes that the notifier has not yet seen settled. With a read store
/// both are saved per incident in each batch's transaction and restored at start, so a restart re-asks the open
/// notices (the partner's sender grain answers "already done" for any that went out) instead of reading history.
/// </summary>
/// <remarks>
/// A settled notice (<see cref="Settled"/>) leaves memory at once and the stored row with the incident's next saved
/// batch; until then a restart asks about it once more, which the sender grain answers without sending. Thread-safe:
/// the host applies on its loop, the notifier settles on its own.
/// </remarks>
public sealed class IncidentUpdateChanges(ChannelTargets targets) : IRestorableProjection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Tracked> incidents = [];

    /// <summary>Raised (outside the lock, on the host's loop) with the notices an event made.</summary>
    public event Action<IReadOnlyList<PartnerNotice>>? NoticesMade;

    public string StateName => "partner-updates";

    /// <summary>The webhook partners that take <c>incident.updated</c> now.</summary>
    public static IEnumerable<string> Subscribers(ChannelTargets targets) =>
        targets.All()
            .Where(t => t.Value is { Kind: ChannelKind.Webhook, Enabled: true } && t.Value.Takes(IncidentUpdatePayload.EventType))
            .Select(t => t.Key);

    public void Apply(ProjectedEvent projected)
    {
        // What a payload shows (title, category, severity, status, regions, agencies, code, visibility) is moved only by
        // the incident-level changes, so only those are folded: keeping every update, statement and post of every
        // incident here would be a second copy of the grains' state on every node.
        var e = projected.Event;
        if (IncidentUpdatePayload.ChangeOf(e) is not { } change) return;
        List<PartnerNotice> made = [];
        lock (gate)
        {
            if (!incidents.TryGetValue(e.IncidentId, out var tracked)) incidents[e.IncidentId] = tracked = new Tracked();
            tracked.State = Incident.Evolve(tracked.State, e);
            if (tracked.State.Visibility != Visibility.Normal) return;

            foreach (var channel in Subscribers(targets))
            {
                var payload = IncidentUpdatePayload.For(tracked.State, e, change, projected.EventId, projected.Revision, channel);
                var notice = new PartnerNotice(channel, new IncidentUpdateNotice(payload.Id, e.IncidentId, projected.EventId, projected.Position, payload.ToJson()));
                tracked.Open.Add(notice);
                made.Add(notice);
            }
        }

        if (made.Count > 0) NoticesMade?.Invoke(made);
    }

    /// <summary>Every notice not yet settled, in store order.</summary>
    public IReadOnlyList<PartnerNotice> Open()
    {
        lock (gate) return [.. incidents.Values.SelectMany(tracked => tracked.Open).OrderBy(notice => notice.Notice.Position)];
    }

    /// <summary>The partner's sender has delivered or given up this notice (or it predates the subscription).</summary>
    public void Settled(PartnerNotice notice)
    {
        lock (gate)
        {
            if (incidents.TryGetValue(notice.Notice.IncidentId, out var tracked))
                tracked.Open.RemoveAll(open => open.Notice.Key == notice.Notice.Key);
        }
    }

    public string? SaveIncident(Guid incidentId)
    {
        lock (gate)
        {
            if (!incidents.TryGetValue(incidentId, out var tracked)) return null;
            var s = tracked.State;
            var saved = new SavedIncident(
                s.Exists, s.Version, s.Id, s.Code, s.Title, s.Description, s.Category, s.Severity, [.. s.Regions], s.LeadAgency,
                [.. s.ParticipatingAgencies], s.Visibility, s.IsPublicWarning, s.Status,
                [.. tracked.Open.Select(open => new SavedNotice(open.Channel, open.Notice.Key, open.Notice.SourceEventId, open.Notice.Position, open.Notice.Body))]);
            return JsonSerializer.Serialize(saved, Json);
        }
    }

    public void RestoreIncident(Guid incidentId, string state)
    {
        var saved = JsonSerializer.Deserialize<SavedIncident>(state, Json) ?? throw new InvalidDataException($"An empty partner-updates row for {incidentId}.");
        var tracked = new Tracked
        {
            State = IncidentState.Initial with
            {
                Exists = saved.Exists, Version = saved.Version, Id = saved.Id, Code = saved.Code, Title = saved.Title,
                Description = saved.Description, Category = saved.Category, Severity = saved.Severity, Regions = [.. saved.Regions],
                LeadAgency = saved.LeadAgency, ParticipatingAgencies = [.. saved.ParticipatingAgencies], Visibility = saved.Visibility,
                IsPublicWarning = saved.IsPublicWarning, Status = saved.Status,
            },
        };
        tracked.Open.AddRange(saved.Open.Select(open => new PartnerNotice(open.Channel, new IncidentUpdateNotice(open.Key, incidentId, open.SourceEventId, open.Position, open.Body))));
        lock (gate) incidents[incidentId] = tracked;
    }

    public void Clear()
    {
        lock (gate) incidents.Clear();
    }

    private sealed class Tracked
    {
        public IncidentState State { get; set; } = IncidentState.Initial;
        public List<PartnerNotice> Open { get; } = [];
    }

    private sealed record SavedIncident(
        bool Exists, long Version, Guid Id, string Code, string Title, string Description, IncidentCategory Category, Severity Severity,
        ImmutableList<string> Regions, string LeadAgency, ImmutableList<string> ParticipatingAgencies, Visibility Visibility,
        bool IsPublicWarning, IncidentStatus Status, List<SavedNotice> Open);

    private sealed record SavedNotice(string Channel, string Key, Guid SourceEventId, long Position, byte[] Body);
}

/// <summary>One change to tell one partner.</summary>
public sealed record PartnerNotice(string Channel, IncidentUpdateNotice Notice);
