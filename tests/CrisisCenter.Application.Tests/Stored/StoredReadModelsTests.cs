using CrisisCenter.Application.Audit;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrisisCenter.Application.Tests.Stored;

/// <summary>Read models in a node's read store answer what the in-memory ones answer, and resume after their checkpoint.</summary>
public sealed class StoredReadModelsTests : IAsyncLifetime
{
    private readonly StoreFile _file = new();
    private readonly ReadStoreFiles _readStores = new();
    private readonly History _history = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _file.DisposeAsync();
        _readStores.Dispose();
    }

    [Fact]
    public async Task stored_read_models_answer_what_the_in_memory_ones_answer()
    {
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);

        var inMemory = await CaughtUpAsync(readStorePath: null, last);
        var stored = await CaughtUpAsync(_readStores.New(), last);

        _history.AnswersOf(stored).Should().BeEquivalentTo(_history.AnswersOf(inMemory), o => o.WithStrictOrdering());
        stored.Listener.Received.Select(r => r.Entry).Should().BeEquivalentTo(inMemory.Listener.Received.Select(r => r.Entry), o => o.WithStrictOrdering());
        stored.Timeline.Count.Should().Be(inMemory.Timeline.Count).And.Be(_history.BeforeSplit().Length + _history.AfterSplit().Length);
        stored.Timeline.LastPosition.Should().Be(last);
        stored.Host.Position.Should().Be(last);
        await inMemory.DisposeAsync();
        await stored.DisposeAsync();
    }

    [Fact]
    public async Task a_restart_resumes_after_the_checkpoint_and_remembers_what_came_before()
    {
        var path = _readStores.New();
        var split = await _history.AppendBeforeSplitAsync(_file);
        await using (var first = await CaughtUpAsync(path, split))
        {
            first.ReadStore!.Checkpoint.Should().Be(split);
        }

        var last = await _history.AppendAfterSplitAsync(_file);
        var recording = new FlakyEventStore(_file.Store, eventsBeforeFailure: int.MaxValue);
        await using var restarted = await RunningProjections.StartAsync(recording, readStorePath: path);
        await restarted.CaughtUp();
        await restarted.Reached(last);

        recording.StartedAfter.First().Should().Be(split, "nothing before the checkpoint is read again");
        restarted.Listener.Received.Should().HaveCount(_history.AfterSplit().Length).And.OnlyContain(r => !r.IsLive, "what was stored while down is catch-up");
        await using var rebuilt = await CaughtUpAsync(_readStores.New(), last);
        _history.AnswersOf(restarted).Should().BeEquivalentTo(_history.AnswersOf(rebuilt), o => o.WithStrictOrdering(), "incremental equals a rebuild");
        restarted.Timeline.ForIncident(_history.Fire).Select(e => e.Summary).Should().Contain("Update statement revision 1 approved (1 of 2)",
            "the statement's kind was remembered across the restart");
        restarted.Timeline.ForIncident(_history.Flood).Should().Contain(e => e.Summary.StartsWith("Post delivered on telegram (kk) at attempt 1", StringComparison.Ordinal),
            "the post's target was remembered across the restart");
    }

    [Fact]
    public async Task a_closed_incident_leaves_memory_and_every_board_query_answers_as_before()
    {
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);
        var path = _readStores.New();
        await using var inMemory = await CaughtUpAsync(readStorePath: null, last);
        await (await CaughtUpAsync(path, last)).DisposeAsync();
        var stored = await CaughtUpAsync(path, last); // restored from the read store, as after a restart

        stored.Board.Count.Should().Be(1, "only the fire is open: the closed flood's row is in the read store only");
        inMemory.Board.Count.Should().Be(2);
        BoardAnswersOf(stored).Should().BeEquivalentTo(BoardAnswersOf(inMemory), o => o.WithStrictOrdering());

        // An event of the closed incident takes its row back from the read store, as it stood.
        var reopened = await _file.AppendAsync(new IncidentReopened(_history.Flood, "officer-1", DateTimeOffset.Parse("2026-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "Second wave."));
        await stored.Reached(reopened);
        await inMemory.Reached(reopened);
        stored.Board.Count.Should().Be(2);
        BoardAnswersOf(stored).Should().BeEquivalentTo(BoardAnswersOf(inMemory), o => o.WithStrictOrdering());
        await stored.DisposeAsync();
    }

    private IReadOnlyList<object?> BoardAnswersOf(RunningProjections p) =>
    [
        p.Board.Query(IncidentBoardQuery.All, _ => true),
        p.Board.Query(new IncidentBoardQuery(Status: IncidentStatus.Closed), _ => true),
        p.Board.Query(new IncidentBoardQuery(Status: IncidentStatus.Active), _ => true),
        p.Board.Query(new IncidentBoardQuery(PageSize: 1, Page: 2), _ => true),
        p.Board.Query(IncidentBoardQuery.All, summary => summary.Id != _history.Fire),
        p.Board.Find(_history.Flood),
        p.Board.Find(_history.Fire),
    ];

    [Fact]
    public async Task live_events_are_stored_before_listeners_hear_of_them()
    {
        var path = _readStores.New();
        var seen = new QueryingListener();
        await using var running = await RunningProjections.StartAsync(_file.Store, extraListeners: [seen], readStorePath: path);
        seen.Timeline = running.Timeline;
        await running.CaughtUp();

        var split = await _history.AppendBeforeSplitAsync(_file);
        await running.Reached(split);

        seen.Misses.Should().Be(0, "every entry a listener hears of is already in the store");
        seen.Heard.Should().Be(_history.BeforeSplit().Length);
        running.Listener.Received.Should().OnlyContain(r => r.IsLive);
        running.ReadStore!.Checkpoint.Should().Be(split, "a waiter is released only once its position is committed");
    }

    [Fact]
    public async Task the_audit_trail_reads_every_stream_from_the_read_store()
    {
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);
        await using var running = await CaughtUpAsync(_readStores.New(), last);
        var trail = new AuditTrail(running.ReadStore!, running.Host);

        var flood = trail.ForStream(IncidentStreams.For(_history.Flood), GlobalPosition.Start, AuditTrail.MaxLimit).Items;
        flood.Select(e => e.Summary).Should().Equal(running.Timeline.ForIncident(_history.Flood, limit: IncidentTimeline.MaxLimit).Select(e => e.Summary),
            "an incident event is audited with its timeline line");
        flood.Should().OnlyContain(e => e.IncidentId == _history.Flood);
        trail.ForStream("directory", GlobalPosition.Start, 10).Items.Should().ContainSingle().Which.Type.Should().Be("account.registered.v1");

        var byOfficer = trail.ForActor("officer-2", GlobalPosition.Start, 1);
        byOfficer.Items.Should().ContainSingle().Which.Type.Should().Be("statement.drafted.v1");
        byOfficer.NextAfter.Should().Be(byOfficer.Items[^1].Position);
        trail.ForActor("officer-2", byOfficer.NextAfter!.Value, 10).Items.Should().ContainSingle().Which.Type.Should().Be("statement.submitted.v1");
        (await trail.WaitForAsync(last, TimeSpan.FromSeconds(5), CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task kpis_measured_from_the_stream_equal_the_projection()
    {
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);
        await using var inMemory = await CaughtUpAsync(readStorePath: null, last);
        var reports = new IncidentKpiReports(_file.Store, Microsoft.Extensions.Options.Options.Create(new ReadStoreOptions { KpiCacheSize = 1 }));

        foreach (var incident in new[] { _history.Flood, _history.Fire })
        {
            var measured = await reports.MeasureAsync(incident);
            measured!.Value.Report.Should().BeEquivalentTo(inMemory.Kpis.For(incident));
            measured.Value.Evidence.Should().BeEquivalentTo(inMemory.Kpis.EvidenceFor(incident));
        }

        reports.CachedCount.Should().Be(1, "the cache keeps at most its configured size");
        (await reports.ForAsync(Guid.NewGuid())).Should().BeNull();
    }

    private async Task<RunningProjections> CaughtUpAsync(string? readStorePath, long position)
    {
        var running = await RunningProjections.StartAsync(_file.Store, readStorePath: readStorePath);
        await running.CaughtUp();
        await running.Reached(position);
        return running;
    }

    /// <summary>Queries the stored timeline for each entry it hears of, as the hub's resume does.</summary>
    private sealed class QueryingListener : ITimelineListener
    {
        private int _misses;
        private int _heard;

        public IncidentTimeline? Timeline { get; set; }
        public int Misses => Volatile.Read(ref _misses);
        public int Heard => Volatile.Read(ref _heard);

        public void OnApplied(TimelineEntry entry, bool isLive)
        {
            Interlocked.Increment(ref _heard);
            if (Timeline?.ForIncident(entry.IncidentId, entry.Position - 1, 1) is not [{ } found] || found.Position != entry.Position)
            {
                Interlocked.Increment(ref _misses);
            }
        }
    }
}
