using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Application.Tests.Support;

/// <summary>
/// A real SQLite event store in a fresh temporary file, reopenable like a restarted node, deleted with its WAL files
/// at the end.
/// </summary>
public sealed class StoreFile : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "crisiscenter-application-tests", $"{Guid.NewGuid():N}.db");

    public StoreFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        Store = Open();
    }

    public SqliteEventStore Store { get; private set; }

    /// <summary>Closes the store and opens the same file again, as a node restart would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
    }

    public async Task<long> AppendAsync(IncidentEvent @event, string? actorName = null, string? agencyCode = null)
    {
        var metadata = new EventMetadata { ActorId = @event.By, ActorName = actorName, AgencyCode = agencyCode, CommandId = Guid.NewGuid() };
        var data = IncidentEventSerializer.ToEventData(@event, Guid.NewGuid(), metadata);
        return (await Store.AppendAsync(IncidentStreams.For(@event.IncidentId), ExpectedRevision.Any, [data])).LastPosition;
    }

    public async Task<long> AppendAllAsync(params IncidentEvent[] events)
    {
        var position = GlobalPosition.Start;
        foreach (var @event in events)
        {
            position = await AppendAsync(@event);
        }

        return position;
    }

    /// <summary>Appends a record as raw bytes, e.g. one this version cannot read.</summary>
    public async Task<long> AppendRawAsync(string stream, string type, string json) =>
        (await Store.AppendAsync(stream, ExpectedRevision.Any, [new EventData(Guid.NewGuid(), type, System.Text.Encoding.UTF8.GetBytes(json), EventMetadata.Empty)])).LastPosition;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_path + suffix);
        }
    }

    private SqliteEventStore Open() => new(SqliteEventStoreOptions.ForFile(_path) with { PollInterval = TimeSpan.FromMilliseconds(50) });
}
