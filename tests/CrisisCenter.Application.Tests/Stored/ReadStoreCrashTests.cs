using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.EventStore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrisisCenter.Application.Tests.Stored;

/// <summary>
/// However a node stops or a batch fails, the read store holds whole batches only, and what the node builds after
/// starting again equals a rebuild from the first event: nothing applied twice, nothing skipped.
/// </summary>
public sealed class ReadStoreCrashTests : IAsyncLifetime
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task a_batch_that_fails_while_being_written_is_applied_once_after_the_retry(int failAtSave)
    {
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);
        var failing = new FailingSave(failAtSave);

        await using var running = await RunningProjections.StartAsync(_file.Store, extraProjections: [failing], readStorePath: _readStores.New(), batchSize: 4);
        await running.CaughtUp();
        await running.Reached(last);

        failing.Failed.Should().BeTrue();
        running.Host.StoreFailures.Should().Be(1, "the failed batch was rolled back and retried from the checkpoint");
        running.Listener.Received.Select(r => r.Entry.Position).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder()
            .And.HaveCount(_history.BeforeSplit().Length + _history.AfterSplit().Length, "listeners hear of committed entries only, each once");
        await using var rebuilt = await RebuiltAsync(last);
        _history.AnswersOf(running).Should().BeEquivalentTo(_history.AnswersOf(rebuilt), o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    public async Task a_node_stopped_mid_catch_up_resumes_without_duplicates_or_gaps(int stopAfterEvents)
    {
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);
        var positions = new List<long>();
        await foreach (var e in _file.Store.ReadAllAsync()) positions.Add(e.Position);
        var path = _readStores.New();

        await using (var first = await RunningProjections.StartAsync(_file.Store, readStorePath: path, batchSize: 2))
        {
            await first.Reached(positions[stopAfterEvents - 1]);
        }

        await using var restarted = await RunningProjections.StartAsync(_file.Store, readStorePath: path, batchSize: 2);
        await restarted.CaughtUp();
        await restarted.Reached(last);

        await using var rebuilt = await RebuiltAsync(last);
        _history.AnswersOf(restarted).Should().BeEquivalentTo(_history.AnswersOf(rebuilt), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task a_batch_cut_off_before_its_commit_leaves_the_previous_checkpoint()
    {
        var split = await _history.AppendBeforeSplitAsync(_file);
        var path = _readStores.New();
        await using (var first = await RunningProjections.StartAsync(_file.Store, readStorePath: path))
        {
            await first.CaughtUp();
            await first.Reached(split);
        }

        // As a kill -9 between writing rows and committing would: rows written, no commit, file closed.
        var last = await _history.AppendAfterSplitAsync(_file);
        using (var store = ReadStore.Open(path, NullLogger.Instance))
        {
            var batch = store.BeginBatch();
            batch.Add(new TimelineEntry(last, Guid.NewGuid(), _history.Flood, 99, "ghost", "incident", DateTimeOffset.UnixEpoch, "ghost", null, null, null, "ghost", null, null, null, null,
                new Dictionary<string, string?>()));
            _ = batch; // never committed: the store closes with the batch open
        }

        using (var reopened = ReadStore.Open(path, NullLogger.Instance))
        {
            reopened.Checkpoint.Should().Be(split);
        }

        await using var restarted = await RunningProjections.StartAsync(_file.Store, readStorePath: path);
        await restarted.Reached(last);
        restarted.Timeline.ForIncident(_history.Flood, limit: IncidentTimeline.MaxLimit).Should().NotContain(e => e.Type == "ghost");
        await using var rebuilt = await RebuiltAsync(last);
        _history.AnswersOf(restarted).Should().BeEquivalentTo(_history.AnswersOf(rebuilt), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task a_read_store_of_an_older_schema_is_rebuilt_at_start()
    {
        var last = await _history.AppendBeforeSplitAsync(_file);
        var path = _readStores.New();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE read_store (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO read_store VALUES ('schema_version', {ReadStore.SchemaVersion - 1}), ('checkpoint', {last});
                CREATE TABLE timeline (position INTEGER PRIMARY KEY, entry TEXT);
                """;
            command.ExecuteNonQuery();
        }

        await using var running = await RunningProjections.StartAsync(_file.Store, readStorePath: path);
        await running.CaughtUp();

        running.ReadStore!.Checkpoint.Should().Be(last);
        running.Listener.Received.Should().HaveCount(_history.BeforeSplit().Length, "every event was applied again");
        await using var inMemory = await RunningProjections.StartAsync(_file.Store);
        await inMemory.CaughtUp();
        _history.AnswersOf(running).Should().BeEquivalentTo(_history.AnswersOf(inMemory), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task a_damaged_read_store_is_rebuilt_at_start()
    {
        var last = await _history.AppendBeforeSplitAsync(_file);
        var path = _readStores.New();
        await File.WriteAllTextAsync(path, "this is not a database, it is a disk that went wrong");

        await using var running = await RunningProjections.StartAsync(_file.Store, readStorePath: path);
        await running.CaughtUp();

        running.ReadStore!.Checkpoint.Should().Be(last);
        running.Timeline.Count.Should().Be(_history.BeforeSplit().Length);
    }

    [Fact]
    public async Task a_read_store_ahead_of_its_event_store_is_rebuilt_from_it()
    {
        var path = _readStores.New();
        await _history.AppendBeforeSplitAsync(_file);
        var last = await _history.AppendAfterSplitAsync(_file);
        await using (var ahead = await RunningProjections.StartAsync(_file.Store, readStorePath: path))
        {
            await ahead.Reached(last);
        }

        // An older backup of the store is restored: it ends before the read store's checkpoint.
        await using var older = new StoreFile();
        var olderHistory = new History();
        var olderLast = await olderHistory.AppendBeforeSplitAsync(older);
        await using var restarted = await RunningProjections.StartAsync(older.Store, readStorePath: path);
        await restarted.CaughtUp();

        restarted.ReadStore!.Checkpoint.Should().Be(olderLast);
        restarted.Log.Lines.Should().Contain(line => line.Contains("past the store's last event", StringComparison.Ordinal));
        await using var inMemory = await RunningProjections.StartAsync(older.Store);
        await inMemory.CaughtUp();
        olderHistory.AnswersOf(restarted).Should().BeEquivalentTo(olderHistory.AnswersOf(inMemory), o => o.WithStrictOrdering());
        restarted.Timeline.ForIncident(_history.Flood).Should().BeEmpty("nothing of the newer history is left");
    }

    [Fact]
    public async Task a_second_node_on_the_same_file_keeps_its_own_read_store()
    {
        var path = _readStores.New();
        using var first = ReadStore.Open(path, NullLogger.Instance);
        using var second = ReadStore.Open(path, NullLogger.Instance);

        first.FilePath.Should().Be(Path.GetFullPath(path));
        second.FilePath.Should().NotBe(first.FilePath);
        ReadStore.Delete(path).Should().BeFalse("a node holds the file");
        await Task.CompletedTask;
    }

    private async Task<RunningProjections> RebuiltAsync(long position)
    {
        var rebuilt = await RunningProjections.StartAsync(_file.Store, readStorePath: _readStores.New());
        await rebuilt.CaughtUp();
        await rebuilt.Reached(position);
        return rebuilt;
    }

    /// <summary>Saves like a restorable projection and throws once, on its n-th save: inside a batch's write.</summary>
    private sealed class FailingSave(int failAt) : IRestorableProjection
    {
        private int _saves;

        public bool Failed { get; private set; }

        public string StateName => "failing-save";

        public void Apply(ProjectedEvent e)
        {
        }

        public string? SaveIncident(Guid incidentId)
        {
            if (++_saves == failAt)
            {
                Failed = true;
                throw new IOException("Disk full (simulated) while writing a batch.");
            }

            return "{}";
        }

        public void RestoreIncident(Guid incidentId, string state)
        {
        }

        public void Clear()
        {
        }
    }
}
