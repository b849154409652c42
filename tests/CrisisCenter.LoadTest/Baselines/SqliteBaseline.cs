using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CrisisCenter.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.LoadTest.Baselines;

/// <summary>
/// The raw limit of the disk and SQLite: rows in the store's own events table (SqliteSchema.EventsTable: same columns, same
/// constraints, a ~300-byte JSON payload, hashes) in a WAL file with <c>synchronous=FULL</c>, written by one
/// connection, one row per durable commit and then batches of rows per commit.
/// </summary>
public static class SqliteBaseline
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(
        """{"incidentId":"5a0c3a52-8b1e-4bd0-9d7f-1f0d2c9a7e11","by":"press.mes","at":"2026-11-25T21:00:00+00:00","updateId":"0f6b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d","text":"Water level reading load #0","language":"ru","source":"Kazhydromet","regionCode":"KZ-75","verified":true}""");

    private const string Metadata =
        """{"actorId":"press.mes","actorName":"Press officer MES","agencyCode":"MES","commandId":"8d6c2b8e-1a4f-4c1e-9b7a-0c3e5f7a9b1d","correlationId":"8d6c2b8e-1a4f-4c1e-9b7a-0c3e5f7a9b1d"}""";

    public static double SingleCommitsPerSecond(string directory, TimeSpan duration) =>
        Measure(Path.Combine(directory, "baseline-single.db"), duration, rowsPerCommit: 1);

    public static double BatchedRowsPerSecond(string directory, TimeSpan duration, int rowsPerCommit) =>
        Measure(Path.Combine(directory, "baseline-batched.db"), duration, rowsPerCommit);

    private static double Measure(string path, TimeSpan duration, int rowsPerCommit)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, SqliteSchema.EventsTable);
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO events (event_id, stream, revision, type, data, metadata, recorded_at, previous_hash, hash)
            VALUES ($id, $stream, $revision, 'situation_update.logged.v1', $data, $metadata, $at, $previous, $hash);
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var stream = insert.Parameters.Add("$stream", SqliteType.Text);
        var revision = insert.Parameters.Add("$revision", SqliteType.Integer);
        insert.Parameters.AddWithValue("$data", Data);
        insert.Parameters.AddWithValue("$metadata", Metadata);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var previous = insert.Parameters.Add("$previous", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        insert.Prepare();

        // 64 streams written round-robin, each with its own hash chain, as incidents would be.
        var revisions = new long[64];
        var chains = Enumerable.Repeat(new string('0', 64), 64).ToArray();
        long rows = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < rowsPerCommit; i++, rows++)
            {
                var s = (int)(rows % 64);
                var next = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chains[s] + rows)));
                id.Value = Guid.NewGuid().ToString("D");
                stream.Value = $"incident-00000000-0000-0000-0000-{s:D12}";
                revision.Value = revisions[s]++;
                at.Value = DateTimeOffset.UtcNow.ToString("O");
                previous.Value = chains[s];
                hash.Value = next;
                chains[s] = next;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
