using System.Globalization;
using CrisisCenter.EventStore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// A node's read models on disk: one SQLite file (WAL) beside the event store's, holding what grows with history
/// (timeline and audit entries, the narrator's memory) and the per-incident state the in-memory views are restored
/// from, plus the checkpoint: the last <c>$all</c> position whose rows are in the file. Rows and checkpoint are written
/// in one transaction per batch (<see cref="ReadStoreBatch"/>), so the file always holds a prefix of the store.
/// </summary>
/// <remarks>
/// <para>It is a cache of the event store: a missing or unreadable file, or one of another schema version, is deleted
/// and rebuilt from the first event. It is node-local: a second node started on the same data directory (tests do) does
/// not get the file (a lock file, <see cref="LockFile"/>, says who owns it) and keeps its read store in a temporary file instead.</para>
/// <para>The writer connection belongs to the projection host's loop; every query opens a pooled reader connection, so
/// it sees committed batches only (WAL readers never block the writer).</para>
/// </remarks>
public sealed partial class ReadStore : IDisposable
{
    /// <summary>Raise whenever a table or a stored row's shape changes: files of any other version are rebuilt.</summary>
    // 2: the channel dispatcher's open posts and the partner notifier's incidents are stored rows too (a file of version 1
    // lacks them, so it is rebuilt rather than resumed).
    public const int SchemaVersion = 2;

    private const string Schema = """
        CREATE TABLE read_store (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE timeline (position INTEGER PRIMARY KEY, incident_id TEXT NOT NULL, entry TEXT NOT NULL);
        CREATE INDEX timeline_by_incident ON timeline (incident_id, position);
        CREATE TABLE audit (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, actor_id TEXT, entry TEXT NOT NULL);
        CREATE INDEX audit_by_actor ON audit (actor_id, position) WHERE actor_id IS NOT NULL;
        CREATE INDEX audit_by_stream ON audit (stream, position);
        CREATE TABLE statement_kinds (statement_id TEXT PRIMARY KEY, kind INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE post_targets (post_id TEXT PRIMARY KEY, statement_id TEXT NOT NULL, channel TEXT NOT NULL, language INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE incident_state (projection TEXT NOT NULL, incident_id TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (projection, incident_id)) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly FileStream? _ownership;
    private readonly SqliteConnection _writer;
    private readonly bool _temporary;
    private bool _disposed;

    private ReadStore(string path, FileStream? ownership, bool temporary, SqliteConnection writer, long checkpoint)
    {
        FilePath = path;
        _ownership = ownership;
        _temporary = temporary;
        _writer = writer;
        _connectionString = ConnectionString(path);
        Checkpoint = checkpoint;
        NarratorMemory = new StoredNarratorMemory(this);
    }

    /// <summary>The file in use (a temporary one when another node owns the configured file).</summary>
    public string FilePath { get; }

    /// <summary>The last store position whose rows are committed; <see cref="GlobalPosition.Start"/> for a new file.</summary>
    public long Checkpoint { get; private set; }

    internal StoredNarratorMemory NarratorMemory { get; }

    internal SqliteConnection Writer => _writer;

    internal SqliteTransaction? CurrentTransaction { get; set; }

    /// <summary>
    /// Opens the read store at <paramref name="path"/>, creating it when missing and rebuilding it (deleted, then
    /// created empty, so the host applies every event again) when it cannot be read or has another schema version.
    /// </summary>
    public static ReadStore Open(string path, ILogger logger)
    {
        path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var ownership = TryOwn(path);
        var temporary = false;
        if (ownership is null)
        {
            var configured = path;
            path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crisiscenter-read-stores", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            temporary = true;
            LogOwnedByAnotherNode(logger, configured, path);
        }

        var (writer, checkpoint) = OpenOrRebuild(path, logger);
        return new ReadStore(path, ownership, temporary, writer, checkpoint);
    }

    /// <summary>Deletes the read store file (and its WAL files) so the next start rebuilds it; false when another
    /// process holds it.</summary>
    public static bool Delete(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        using var ownership = TryOwn(path);
        if (ownership is null)
        {
            return false;
        }

        DeleteFiles(path);
        return true;
    }

    /// <summary>Starts the transaction of one batch; only one at a time, on the projection host's loop.</summary>
    public ReadStoreBatch BeginBatch()
    {
        if (CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A read store batch is already open.");
        }

        CurrentTransaction = _writer.BeginTransaction(deferred: false);
        return new ReadStoreBatch(this, CurrentTransaction);
    }

    /// <summary>Empties every table and sets the checkpoint back to the start, in one transaction: for a read store that
    /// is ahead of its event store (the store was restored from an older backup, or replaced).</summary>
    public void Clear()
    {
        using var transaction = _writer.BeginTransaction(deferred: false);
        Execute(_writer, $"""
            DELETE FROM timeline; DELETE FROM audit; DELETE FROM statement_kinds; DELETE FROM post_targets; DELETE FROM incident_state;
            UPDATE read_store SET value = {GlobalPosition.Start} WHERE key = 'checkpoint';
            """, transaction);
        transaction.Commit();
        Checkpoint = GlobalPosition.Start;
    }

    internal void Committed(long checkpoint)
    {
        CurrentTransaction = null;
        Checkpoint = checkpoint;
    }

    internal void Abandoned() => CurrentTransaction = null;

    /// <summary>Every stored state row of one projection: what it restores itself from at start.</summary>
    public IEnumerable<(Guid IncidentId, string State)> IncidentStates(string projection)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT incident_id, state FROM incident_state WHERE projection = $projection;";
        command.Parameters.AddWithValue("$projection", projection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (Guid.Parse(reader.GetString(0)), reader.GetString(1));
        }
    }

    /// <summary>One stored state row of one projection, or null: committed batches only.</summary>
    public string? IncidentState(string projection, Guid incidentId)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM incident_state WHERE projection = $projection AND incident_id = $key;";
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$key", incidentId.ToString("D"));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="bind"/>'s parameters on a reader connection and yields
    /// the first column of each row, streaming (callers stop when they have a page).</summary>
    internal IEnumerable<string> Query(string sql, Action<SqliteParameterCollection> bind)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>A single number (a count, a maximum) from a reader connection.</summary>
    internal long Scalar(string sql)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // The lock file is let go of whatever closing the connections says: a node that failed to close cleanly
        // (e.g. stopped in the middle of a batch) must not make the next start on this data directory rebuild its read
        // models in a temporary file because the lock looks held until a finalizer runs.
        try
        {
            CurrentTransaction?.Dispose();
            _writer.Dispose();
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            if (_temporary)
            {
                DeleteFiles(FilePath);
            }
        }
        finally
        {
            _ownership?.Dispose();
        }
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static (SqliteConnection Writer, long Checkpoint) OpenOrRebuild(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            string? problem;
            try
            {
                var writer = OpenWriter(path);
                try
                {
                    var version = Meta(writer, "schema_version");
                    if (version == SchemaVersion)
                    {
                        var checkpoint = Meta(writer, "checkpoint") ?? GlobalPosition.Start;
                        LogOpened(logger, path, checkpoint);
                        return (writer, checkpoint);
                    }

                    problem = $"schema version {version?.ToString(CultureInfo.InvariantCulture) ?? "none"}, this build uses {SchemaVersion}";
                }
                catch
                {
                    writer.Dispose();
                    throw;
                }

                writer.Dispose();
            }
            catch (SqliteException ex)
            {
                problem = "it cannot be read: " + ex.Message;
            }

            LogRebuilding(logger, path, problem);
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString(path)));
            DeleteFiles(path);
        }
        else
        {
            LogCreating(logger, path);
        }

        var created = OpenWriter(path);
        try
        {
            using var transaction = created.BeginTransaction();
            Execute(created, Schema, transaction);
            Execute(created, $"INSERT INTO read_store (key, value) VALUES ('schema_version', {SchemaVersion}), ('checkpoint', {GlobalPosition.Start});", transaction);
            transaction.Commit();
            return (created, GlobalPosition.Start);
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private static SqliteConnection OpenWriter(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL;");
            // A cache of the event store: a power cut may lose the last batches (never half of one, rows and
            // checkpoint commit together), which the next start applies again. FULL would sync at every batch.
            Execute(connection, "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static long? Meta(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM read_store WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is long value ? value : null;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();

    /// <summary>Holds the lock file (readmodels.db → readmodels.lock) open without sharing for the life of the store: one
    /// node per read store file.</summary>
    private static FileStream? TryOwn(string path)
    {
        try
        {
            return new FileStream(LockFile(path), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Beside the file, not named after it with a suffix, so "*.db*" still names the database files only.</summary>
    public static string LockFile(string path) => System.IO.Path.ChangeExtension(path, ".lock");

    private static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read store {Path} opened at checkpoint {Checkpoint}.")]
    private static partial void LogOpened(ILogger logger, string path, long checkpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read store {Path} does not exist; creating it and applying every stored event.")]
    private static partial void LogCreating(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilding the read store {Path} from the event store: {Problem}.")]
    private static partial void LogRebuilding(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read store {Path} is in use by another node; this node keeps its read models in {TemporaryPath}, rebuilt at every start.")]
    private static partial void LogOwnedByAnotherNode(ILogger logger, string path, string temporaryPath);
}
