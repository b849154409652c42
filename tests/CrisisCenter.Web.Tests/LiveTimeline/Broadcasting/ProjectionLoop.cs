using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Web.LiveTimeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Tests.LiveTimeline.Broadcasting;

/// <summary>
/// The read models and the broadcaster fed the way the <see cref="ProjectionHost"/> feeds them (board, then timeline,
/// then the listener; one event at a time, in position order), without a store, so a test controls every event.
/// </summary>
internal sealed class ProjectionLoop
{
    public static readonly DateTimeOffset T0 = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(5));

    private readonly Dictionary<Guid, long> _revisions = [];
    private long _position = 99; // positions need not start at 0

    public ProjectionLoop(int pageSize = 7, int maxJoins = 64)
    {
        Options = new LiveTimelineOptions { BacklogPageSize = pageSize, MaxJoinsPerConnection = maxJoins };
        Broadcaster = new TimelineBroadcaster(Board, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public IncidentBoard Board { get; } = new();

    public IncidentTimeline Timeline { get; } = new();

    public LiveTimelineOptions Options { get; }

    public TimelineBroadcaster Broadcaster { get; }

    public long Position => Interlocked.Read(ref _position);

    /// <summary>Positions grow by 1 to 3, as other streams' events take positions in between.</summary>
    public TimelineEntry Apply(IncidentEvent @event)
    {
        var revision = _revisions[@event.IncidentId] = _revisions.GetValueOrDefault(@event.IncidentId, -1) + 1;
        var position = _position + 1 + (int)(revision % 3);
        var projected = new ProjectedEvent(@event, position, revision, Guid.NewGuid(), EventTypes.NameOf(@event), EventMetadata.Empty);
        Board.Apply(projected);
        var entry = Timeline.Apply(projected);
        Broadcaster.OnApplied(entry, isLive: true);
        Interlocked.Exchange(ref _position, position);
        return entry;
    }

    public TimelineEntry Declare(Guid incidentId, string lead = "MES", string region = "KZ-75", Visibility visibility = Visibility.Normal, string[]? participating = null) =>
        Apply(new IncidentDeclared(incidentId, "officer", T0, "INC-2026-0001", "Flood", "River rising.", IncidentCategory.Met, Severity.Moderate,
            [region], lead, participating ?? [], visibility, [Language.Kk, Language.Ru], false));

    public TimelineEntry LogUpdate(Guid incidentId, int n) =>
        Apply(new SituationUpdateLogged(incidentId, "officer", T0.AddSeconds(n), Guid.NewGuid(), $"Reading {n}", Language.Ru, "Kazhydromet", "KZ-75", true));

    public LiveConnection Connect(ILiveClient client, Actor viewer, int capacity = 100_000)
    {
        var connection = new LiveConnection(Guid.NewGuid().ToString("N"), viewer, client, capacity, NullLogger.Instance);
        Broadcaster.Connect(connection);
        return connection;
    }

    public JoinOutcome JoinIncident(LiveConnection connection, Guid incidentId, long? after = null) =>
        Broadcaster.Join(connection.Id, new IncidentJoin(incidentId, connection.Viewer, after ?? GlobalPosition.Start, Timeline, Board, Options.BacklogPageSize));

    public JoinOutcome JoinBoard(LiveConnection connection, long? after = null) =>
        Broadcaster.Join(connection.Id, new BoardJoin(connection.Viewer, after ?? GlobalPosition.Start, Board));

    public JoinOutcome JoinRegion(LiveConnection connection, string region) =>
        Broadcaster.Join(connection.Id, new RegionJoin(region, connection.Viewer));

    public static Actor Viewer(string agency, params Role[] roles) =>
        new("user-" + agency, "User of " + agency, agency, roles.Length == 0 ? [Role.PressOfficer] : roles);
}
