using BenchmarkDotNet.Attributes;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Benchmarks;

/// <summary>
/// The SQLite store as the app opens it (WAL, synchronous=FULL): one durable append awaited alone, 16 appends to
/// 16 streams at once (group commit shares the fsync), each also told the stream's tail as the incident grain does
/// (no reads before the rows), and reading 100 events of a stream.
/// </summary>
[Config(typeof(ShortInProcess))]
public class StoreBenchmarks
{
    private const int Streams = 16;
    private string _directory = "";
    private SqliteEventStore _store = null!;
    private readonly long[] _revisions = new long[Streams];
    private readonly string[] _streams = new string[Streams];
    private readonly StreamTail?[] _tails = new StreamTail?[Streams];
    private IncidentEvent _update = null!;
    private string _readStream = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = IncidentHistory.TempDirectory("store");
        _store = new SqliteEventStore(SqliteEventStoreOptions.ForFile(Path.Combine(_directory, "events.db")));
        _update = IncidentHistory.Build(Guid.NewGuid(), 2).Events[1];
        for (var i = 0; i < Streams; i++)
        {
            _streams[i] = $"incident-{Guid.NewGuid():D}";
            _revisions[i] = -1;
        }

        var read = Guid.NewGuid();
        _readStream = "incident-" + read.ToString("D");
        await IncidentHistory.WriteAsync(_store, read, 100);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Append 1 event (one durable commit)")]
    public Task<AppendResult> AppendOne() => Append(0, withTail: false);

    [Benchmark(Description = "Append 1 event after its known tail")]
    public Task<AppendResult> AppendOneAfterTail() => Append(0, withTail: true);

    [Benchmark(Description = "16 concurrent appends to 16 streams (group commit)", OperationsPerInvoke = Streams)]
    public Task AppendSixteenConcurrently() => Task.WhenAll(Enumerable.Range(0, Streams).Select(i => Append(i, withTail: false)));

    [Benchmark(Description = "16 concurrent appends after their known tails", OperationsPerInvoke = Streams)]
    public Task AppendSixteenAfterTails() => Task.WhenAll(Enumerable.Range(0, Streams).Select(i => Append(i, withTail: true)));

    [Benchmark(Description = "Read 100 events of a stream")]
    public async Task<int> ReadHundred()
    {
        var count = 0;
        await foreach (var _ in _store.ReadStreamAsync(_readStream)) count++;
        return count;
    }

    private async Task<AppendResult> Append(int stream, bool withTail)
    {
        var data = IncidentEventSerializer.ToEventData(_update, Guid.NewGuid(), IncidentHistory.Metadata(Guid.NewGuid()));
        var expected = ExpectedRevision.FromLastRevision(_revisions[stream] < 0 ? null : _revisions[stream]);
        var result = await _store.AppendAsync(_streams[stream], expected, [data], withTail ? _tails[stream] : null);
        _revisions[stream] = result.NextExpectedRevision;
        _tails[stream] = result.Tail;
        return result;
    }
}
