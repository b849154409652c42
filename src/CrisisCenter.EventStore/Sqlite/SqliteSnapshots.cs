using System.Globalization;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>
/// The snapshot cache in the store's own file, in its own table (<see cref="SqliteSchema.SnapshotsTable"/>): rows there
/// have no position and no hash, so no event read, subscription, verification or migration can meet them. Writes use a
/// pooled connection rather than the group-commit writer, so a snapshot never queues behind (or holds up) a batch of
/// appends for longer than SQLite's own write lock; they are committed with synchronous=NORMAL, since losing the last
/// snapshot to a power cut costs only a longer replay.
/// </summary>
internal sealed class SqliteSnapshots(SqliteDatabaseFile file, TimeProvider clock)
{
    public StoredSnapshot? Read(string stream)
    {
        using var connection = file.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision, data FROM snapshots WHERE stream = $stream;";
        command.Parameters.AddWithValue("$stream", stream);
        using var row = command.ExecuteReader();
        return row.Read() ? new StoredSnapshot(row.GetInt64(0), (byte[])row.GetValue(1)) : null;
    }

    public void Write(string stream, StoredSnapshot snapshot)
    {
        using var connection = file.OpenReader();
        SqliteDatabaseFile.Execute(connection, "PRAGMA synchronous = NORMAL;");
        using var command = connection.CreateCommand();
        // A later revision already there wins: two activations racing (a failover) cannot move the cache backwards.
        command.CommandText = """
            INSERT INTO snapshots (stream, revision, data, written_at) VALUES ($stream, $revision, $data, $writtenAt)
            ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, data = excluded.data, written_at = excluded.written_at
            WHERE excluded.revision >= snapshots.revision;
            """;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$revision", snapshot.Revision);
        command.Parameters.AddWithValue("$data", snapshot.Data.ToArray());
        command.Parameters.AddWithValue("$writtenAt", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }
}
