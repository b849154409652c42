using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>The one database file: opens the writer connection (WAL, configured durability) and the pooled
/// read connections, and releases the file's handles when the store goes away.</summary>
internal sealed class SqliteDatabaseFile
{
    private readonly string connectionString;
    private readonly SqliteEventStoreOptions options;

    public SqliteDatabaseFile(SqliteEventStoreOptions options)
    {
        this.options = options;
        connectionString = options.ToConnectionStringBuilder().ToString();
    }

    /// <summary>Opens the connection every append goes through and proves the file really runs in WAL mode
    /// with the requested durability, reading both back from SQLite rather than trusting the request.</summary>
    public SqliteConnection OpenWriter(out WriterPragmas pragmas)
    {
        var connection = Open();
        try
        {
            // journal_mode is stored in the file; setting it needs a moment without other writers, hence the busy timeout first.
            var journalMode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite refused WAL journal mode for '{connection.DataSource}' (it reports '{journalMode}'); the event store needs WAL for concurrent readers.");
            Execute(connection, $"PRAGMA synchronous = {(int)options.Synchronous};");
            pragmas = new WriterPragmas(
                Convert.ToString(Scalar(connection, "PRAGMA journal_mode;"), CultureInfo.InvariantCulture) ?? "",
                (SqliteSynchronous)Convert.ToInt32(Scalar(connection, "PRAGMA synchronous;"), CultureInfo.InvariantCulture));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A pooled connection for reads; in WAL mode readers never block the writer nor each other.</summary>
    public SqliteConnection OpenReader() => Open();

    /// <summary>Closes idle pooled connections so the file (and its -wal/-shm) is no longer held open.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

/// <summary>Durability settings as the writer connection reports them after opening.</summary>
internal sealed record WriterPragmas(string JournalMode, SqliteSynchronous Synchronous);
