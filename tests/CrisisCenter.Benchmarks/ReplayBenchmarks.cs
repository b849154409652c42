using BenchmarkDotNet.Attributes;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.Benchmarks;

/// <summary>
/// Replaying a 10,000-event incident the way a grain activation does (store read → deserialise → evolve), its
/// parts, and the raw limit: one SQLite query reading the same rows' columns sequentially. Each operation is one
/// whole stream: events/s = 10,000 / mean.
/// </summary>
[Config(typeof(ShortInProcess))]
public class ReplayBenchmarks
{
    public const int Events = 10_000;
    private string _directory = "";
    private string _path = "";
    private SqliteEventStore _store = null!;
    private string _stream = "";
    private SqliteConnection _raw = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = IncidentHistory.TempDirectory("replay");
        _path = Path.Combine(_directory, "events.db");
        _store = new SqliteEventStore(SqliteEventStoreOptions.ForFile(_path));
        var incident = Guid.NewGuid();
        _stream = IncidentStreams.For(incident);
        await IncidentHistory.WriteAsync(_store, incident, Events);
        _raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        _raw.Open();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _raw.Dispose();
        SqliteConnection.ClearAllPools();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Raw sequential read of the 10,000 rows (all columns)")]
    public long RawRead()
    {
        using var command = _raw.CreateCommand();
        command.CommandText = """
            SELECT position, event_id, stream, revision, type, data, metadata, recorded_at, previous_hash, hash
            FROM events WHERE stream = $stream AND revision >= 0 ORDER BY revision;
            """;
        command.Parameters.AddWithValue("$stream", _stream);
        using var reader = command.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt64(0);
            _ = reader.GetString(1);
            _ = reader.GetString(2);
            sum += reader.GetInt64(3);
            _ = reader.GetString(4);
            sum += ((byte[])reader.GetValue(5)).Length;
            _ = reader.GetString(6);
            _ = reader.GetString(7);
            _ = reader.GetString(8);
            _ = reader.GetString(9);
        }

        return sum;
    }

    [Benchmark(Description = "Store read of the 10,000 events (RecordedEvent, metadata parsed)")]
    public async Task<long> StoreRead()
    {
        long count = 0;
        await foreach (var _ in _store.ReadStreamAsync(_stream)) count++;
        return count;
    }

    [Benchmark(Description = "Replay: store read + deserialise + evolve (what activation does)")]
    public async Task<IncidentState> Replay()
    {
        var state = IncidentState.Initial;
        await foreach (var recorded in _store.ReadStreamAsync(_stream))
        {
            if (IncidentEventSerializer.Deserialize(recorded) is { } e) state = Incident.Evolve(state, e);
        }

        if (state.SituationUpdates.Count != Events - 1) throw new InvalidOperationException("The replay lost events.");
        return state;
    }
}
