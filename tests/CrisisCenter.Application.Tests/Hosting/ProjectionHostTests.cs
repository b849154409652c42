using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;

namespace CrisisCenter.Application.Tests.Hosting;

public sealed class ProjectionHostTests : IAsyncLifetime
{
    private readonly StoreFile _file = new();
    private readonly Facts _flood = new();
    private readonly Facts _fire = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task events_stored_before_start_are_applied_at_start()
    {
        var last = await _file.AppendAllAsync(
            _flood.Declared(code: "INC-FLOOD"), _fire.Declared(at: 1, code: "INC-FIRE"), _flood.Stabilized(2));

        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();

        projections.Host.IsCaughtUp.Should().BeTrue();
        projections.Host.Position.Should().Be(last);
        projections.Host.EventsApplied.Should().Be(3);
        projections.Board.Find(_flood.Id)!.Status.Should().Be(IncidentStatus.Stabilized);
        projections.Board.Find(_fire.Id)!.Code.Should().Be("INC-FIRE");
        projections.Timeline.After(GlobalPosition.Start).Select(e => e.Type)
            .Should().Equal("incident.declared.v1", "incident.declared.v1", "incident.stabilized.v1");
        projections.Listener.Received.Should().HaveCount(3).And.OnlyContain(r => !r.IsLive, "a rebuild replays history");
    }

    [Fact]
    public async Task events_appended_after_start_arrive_live()
    {
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();

        var declared = await _file.AppendAsync(_flood.Declared(code: "INC-LIVE"), actorName: "Aigerim Sadykova", agencyCode: "mes");
        await projections.Reached(declared);

        projections.Board.Find(_flood.Id)!.Code.Should().Be("INC-LIVE");
        var (entry, isLive) = projections.Listener.Received.Should().ContainSingle().Subject;
        isLive.Should().BeTrue();
        entry.Should().BeEquivalentTo(new { Position = declared, ActorName = "Aigerim Sadykova", AgencyCode = "mes", Kind = "incident" });
    }

    [Fact]
    public async Task host_is_caught_up_even_when_the_last_stored_event_is_not_an_incident_event()
    {
        await _file.AppendAsync(_flood.Declared());
        await _file.AppendRawAsync("directory", "account.registered.v1", """{"userId":"u-1"}""");

        await using var projections = await RunningProjections.StartAsync(_file.Store);

        await projections.CaughtUp();
        projections.Board.Count.Should().Be(1);
    }

    [Fact]
    public async Task waiting_for_a_position_completes_once_it_is_applied()
    {
        var declared = await _file.AppendAsync(_flood.Declared());
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();
        projections.Host.WaitForPositionAsync(declared).IsCompletedSuccessfully.Should().BeTrue("that position is already applied");

        var next = projections.Host.WaitForPositionAsync(declared + 1);
        await Task.Delay(100);
        next.IsCompleted.Should().BeFalse("nothing was appended after it yet");

        var stabilized = await _file.AppendAsync(_flood.Stabilized(5));
        await next.WaitAsync(RunningProjections.Patience);

        projections.Host.Position.Should().Be(stabilized);
        projections.Board.Find(_flood.Id)!.Status.Should().Be(IncidentStatus.Stabilized, "read models are updated before waiters are released");
    }

    [Fact]
    public async Task many_waiters_are_released_in_one_go_by_the_event_that_reaches_them()
    {
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();
        var waits = Enumerable.Range(0, 500).Select(_ => projections.Host.WaitForPositionAsync(projections.Host.Position + 1)).ToList();

        await _file.AppendAsync(_flood.Declared());

        await Task.WhenAll(waits).WaitAsync(RunningProjections.Patience);
    }

    [Fact]
    public async Task waiting_for_a_position_stops_when_cancelled_and_the_host_carries_on()
    {
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var wait = () => projections.Host.WaitForPositionAsync(long.MaxValue, cancellation.Token);

        await wait.Should().ThrowAsync<OperationCanceledException>();
        var declared = await _file.AppendAsync(_flood.Declared());
        await projections.Reached(declared);
    }

    [Fact]
    public async Task waiting_fails_when_the_host_stops_first()
    {
        var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();
        var wait = projections.Host.WaitForPositionAsync(long.MaxValue);

        await projections.DisposeAsync();

        await wait.Invoking(w => w.WaitAsync(RunningProjections.Patience)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task a_restarted_node_rebuilds_the_same_read_models()
    {
        var (holding, rumor, post) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        IncidentEvent[] history =
        [
            _flood.Declared(severity: Severity.Severe), _fire.Declared(at: 1, code: "INC-FIRE"),
            _flood.RumorLogged(2, rumor), _flood.Drafted(3, holding), _flood.Submitted(4, holding),
            _flood.Approved(5, holding, "chief-1", 1, 2), _fire.Stabilized(6),
        ];

        Snapshot before;
        await using (var first = await RunningProjections.StartAsync(_file.Store))
        {
            await first.CaughtUp();
            var last = await _file.AppendAllAsync(history);
            last = await _file.AppendAllAsync(
                _flood.Approved(7, holding, "chief-2", 2, 2), _flood.Published(8, holding),
                _flood.PostScheduled(8, post, holding, "telegram", Language.Ru), _flood.Delivered(9, post));
            await first.Reached(last);
            before = Snapshot.Of(first, _flood.Id, _fire.Id);
        }

        await _file.ReopenAsync();
        await using var second = await RunningProjections.StartAsync(_file.Store);
        await second.CaughtUp();

        var after = Snapshot.Of(second, _flood.Id, _fire.Id);
        after.Should().BeEquivalentTo(before);
        after.Timeline.Should().HaveCount(11);
        after.Kpis!.ApprovalTurnaround.Count.Should().Be(1);
    }

    [Fact]
    public async Task unreadable_records_and_a_failing_read_model_do_not_stop_later_events()
    {
        var failing = new FailingProjection<IncidentStabilized>();
        var listener = new FailingListener();
        var stream = IncidentStreams.For(_flood.Id);
        await _file.AppendAsync(_flood.Declared());
        await _file.AppendRawAsync(stream, "incident.teleported.v1", """{"incidentId":"x"}""");
        await _file.AppendRawAsync(stream, "incident.closed.v1", "{ not json");
        await using var projections = await RunningProjections.StartAsync(_file.Store, [failing], [listener]);
        await projections.CaughtUp();

        await _file.AppendAsync(_flood.Stabilized(1));
        var last = await _file.AppendAsync(_flood.RumorLogged(2, Guid.NewGuid()));
        await projections.Reached(last);

        projections.Host.UnreadableEvents.Should().Be(2);
        projections.Host.ProjectionFailures.Should().Be(1);
        projections.Host.ListenerFailures.Should().Be(3);
        failing.Applied.Should().Be(2, "it still gets the events it does not fail on");
        projections.Board.Find(_flood.Id)!.Should().BeEquivalentTo(new { Status = IncidentStatus.Stabilized, OpenRumors = 1 },
            "the other read models applied the event the failing one threw on");
        projections.Timeline.ForIncident(_flood.Id).Should().HaveCount(3);
        projections.Listener.Received.Should().HaveCount(3, "a failing listener does not keep the others from their entries");
    }

    [Fact]
    public async Task a_store_failure_is_retried_from_the_last_applied_position_without_duplicates()
    {
        var early = await _file.AppendAllAsync(_flood.Declared(), _fire.Declared(at: 1), _flood.Stabilized(2));
        var flaky = new FlakyEventStore(_file.Store, eventsBeforeFailure: 1);
        await using var projections = await RunningProjections.StartAsync(flaky);
        await projections.CaughtUp();

        var declaredFirst = projections.Timeline.After(GlobalPosition.Start)[0].Position;
        var late = await _file.AppendAllAsync(_fire.Stabilized(3), _flood.Closed(4), _fire.Closed(5));
        await projections.Reached(late);

        projections.Host.StoreFailures.Should().Be(2, "the first catch-up read and the first subscription broke");
        projections.Timeline.After(GlobalPosition.Start).Select(e => e.Position).Should().OnlyHaveUniqueItems().And.HaveCount(6).And.BeInAscendingOrder();
        flaky.StartedAfter.First().Should().Be(GlobalPosition.Start);
        flaky.StartedAfter[1].Should().Be(declaredFirst, "the retry resumes after the last applied event");
        flaky.StartedAfter.Should().Contain(early);
        projections.Board.Find(_fire.Id)!.Status.Should().Be(IncidentStatus.Closed);
    }

    private sealed record Snapshot(
        Page<IncidentSummary> Board,
        IReadOnlyList<PendingApproval> Approvals,
        IncidentKpiReport? Kpis,
        IReadOnlyList<TimelineEntry> Timeline,
        long Position)
    {
        public static Snapshot Of(RunningProjections p, Guid flood, Guid fire) => new(
            p.Board.Query(IncidentBoardQuery.All, _ => true),
            [.. p.Approvals.InReview(), .. p.Approvals.For("chief-3", "mes")],
            p.Kpis.For(flood),
            p.Timeline.After(GlobalPosition.Start, IncidentTimeline.MaxLimit),
            p.Host.Position);
    }

    private sealed class FailingProjection<TEvent> : IProjection
        where TEvent : IncidentEvent
    {
        private int _applied;

        public int Applied => Volatile.Read(ref _applied);

        public void Apply(ProjectedEvent e)
        {
            if (e.Event is TEvent)
            {
                throw new InvalidOperationException($"Cannot handle {typeof(TEvent).Name} (simulated bug).");
            }

            Interlocked.Increment(ref _applied);
        }
    }

    private sealed class FailingListener : ITimelineListener
    {
        public void OnApplied(TimelineEntry entry, bool isLive) => throw new InvalidOperationException("Listener bug (simulated).");
    }
}
