using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>Creates and upgrades the tables on open. Each migration runs once, in order, recorded in
/// <c>schema_version</c>; opening an up-to-date file changes nothing, so every node may run it at start.</summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 1;

    /// <summary>Migration 1, the event log. position is the global order: AUTOINCREMENT never hands out a position
    /// twice, even after the last rows were deleted. UNIQUE(stream, revision) is the optimistic concurrency guard and,
    /// through its index, what stream reads walk. The load tool's raw SQLite baseline writes rows into this same table.</summary>
    internal const string EventsTable = """
        CREATE TABLE events (
            position      INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id      TEXT    NOT NULL UNIQUE,
            stream        TEXT    NOT NULL,
            revision      INTEGER NOT NULL CHECK (revision >= 0),
            type          TEXT    NOT NULL,
            data          BLOB    NOT NULL,
            metadata      TEXT    NOT NULL,
            recorded_at   TEXT    NOT NULL,
            previous_hash TEXT    NOT NULL,
            hash          TEXT    NOT NULL,
            CONSTRAINT events_stream_revision UNIQUE (stream, revision)
        );
        """;

    private static readonly string[] Migrations = [EventsTable];

    /// <summary>The snapshot cache (<see cref="ISnapshotStore"/>): one row per stream, overwritten in place. Not a numbered
    /// migration on purpose: it holds no facts, so a file carrying it stays openable by a build that does not know it
    /// (that build simply ignores the table), and deleting every row loses nothing but replay time.</summary>
    internal const string SnapshotsTable = """
        CREATE TABLE IF NOT EXISTS snapshots (
            stream     TEXT    NOT NULL PRIMARY KEY,
            revision   INTEGER NOT NULL CHECK (revision >= 0),
            data       BLOB    NOT NULL,
            written_at TEXT    NOT NULL
        );
        """;

    public static void EnsureCurrent(SqliteConnection connection, TimeProvider clock)
    {
        // IMMEDIATE takes the write lock first, so two nodes opening a fresh file cannot both migrate it.
        using var transaction = connection.BeginTransaction(deferred: false);
        SqliteDatabaseFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER PRIMARY KEY,
                applied_at TEXT    NOT NULL
            );
            """, transaction);
        var applied = Convert.ToInt32(SqliteDatabaseFile.Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version;", transaction), CultureInfo.InvariantCulture);
        if (applied > CurrentVersion)
            throw new InvalidOperationException($"The event store file '{connection.DataSource}' has schema version {applied}, newer than this build understands ({CurrentVersion}). Upgrade the application instead of opening the file with an older one.");

        for (var version = applied + 1; version <= CurrentVersion; version++)
        {
            SqliteDatabaseFile.Execute(connection, Migrations[version - 1], transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $appliedAt);";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$appliedAt", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }
        SqliteDatabaseFile.Execute(connection, SnapshotsTable, transaction);
        transaction.Commit();
    }
}
