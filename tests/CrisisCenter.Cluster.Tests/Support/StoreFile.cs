using Microsoft.Data.Sqlite;

namespace CrisisCenter.Cluster.Tests.Support;

/// <summary>One row of the events table, as the SQLite file holds it.</summary>
public sealed record StoredEvent(long Position, string Stream, long Revision, Guid EventId, string Type, string Data);

/// <summary>
/// Reads the nodes' shared SQLite file directly (read-only, beside the running nodes: WAL lets readers in while they
/// write), so what the test checks is what is on disk, not what any node says.
/// </summary>
public static class StoreFile
{
    public static string IncidentStream(Guid incidentId) => $"incident-{incidentId:D}";

    public static async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, stream, revision, event_id, type, CAST(data AS TEXT) FROM events ORDER BY position;";
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), Guid.Parse(reader.GetString(3)), reader.GetString(4), reader.GetString(5)));
        }
        return events;
    }

    /// <summary>The incident streams' events by incident, in stream order.</summary>
    public static Dictionary<Guid, List<StoredEvent>> ByIncident(IEnumerable<StoredEvent> events) =>
        events.Where(e => e.Stream.StartsWith("incident-", StringComparison.Ordinal))
            .GroupBy(e => Guid.Parse(e.Stream["incident-".Length..]))
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Revision).ToList());
}
