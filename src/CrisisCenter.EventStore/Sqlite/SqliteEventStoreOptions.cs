using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>Where the embedded store keeps its single file and how hard it tries to make appends durable.
/// Give either <see cref="Path"/> or a full <see cref="ConnectionString"/>.</summary>
public sealed record SqliteEventStoreOptions
{
    /// <summary>Path of the database file; created with its schema when missing.</summary>
    public string? Path { get; init; }

    /// <summary>A Microsoft.Data.Sqlite connection string, for settings beyond the path. Must name a file:
    /// WAL and cross-process tailing do not exist for in-memory databases.</summary>
    public string? ConnectionString { get; init; }

    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long a writer waits for another process holding the file's write lock before the append fails.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often subscriptions look at the file for events appended by another process
    /// (appends from this process wake them at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Upper bound of queued appends committed together in one transaction (group commit).</summary>
    public int MaxAppendsPerCommit { get; init; } = 256;

    /// <summary>Rows fetched per query by reads and subscriptions, so huge reads never sit in memory at once.</summary>
    public int ReadPageSize { get; init; } = 512;

    public static SqliteEventStoreOptions ForFile(string path) => new() { Path = path };

    /// <summary>Every problem with these options, in words an operator can act on; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path) == string.IsNullOrWhiteSpace(ConnectionString))
            problems.Add("Set exactly one of SqliteEventStoreOptions.Path and SqliteEventStoreOptions.ConnectionString.");
        else if (!TryReadDataSource(out var dataSource, out var parseError))
            problems.Add($"SqliteEventStoreOptions.ConnectionString is not a valid SQLite connection string: {parseError}");
        else if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || IsInMemory())
            problems.Add("The SQLite event store needs a file: in-memory databases have no WAL and cannot be shared between processes.");
        if (!Enum.IsDefined(Synchronous))
            problems.Add($"SqliteEventStoreOptions.Synchronous '{Synchronous}' is not one of Off, Normal, Full, Extra.");
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
            problems.Add("SqliteEventStoreOptions.BusyTimeout must be between 0 and 10 minutes.");
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(1))
            problems.Add("SqliteEventStoreOptions.PollInterval must be more than 0 and at most 1 minute.");
        if (MaxAppendsPerCommit < 1)
            problems.Add("SqliteEventStoreOptions.MaxAppendsPerCommit must be at least 1.");
        if (ReadPageSize < 1)
            problems.Add("SqliteEventStoreOptions.ReadPageSize must be at least 1.");
        return problems;
    }

    internal SqliteConnectionStringBuilder ToConnectionStringBuilder()
    {
        var builder = Path is { Length: > 0 }
            ? new SqliteConnectionStringBuilder { DataSource = Path }
            : new SqliteConnectionStringBuilder(ConnectionString);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself for DefaultTimeout seconds on top of busy_timeout.
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(BusyTimeout.TotalSeconds));
        return builder;
    }

    private bool TryReadDataSource(out string? dataSource, out string? error)
    {
        try
        {
            dataSource = ToConnectionStringBuilder().DataSource;
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            dataSource = null;
            error = e.Message;
            return false;
        }
    }

    private bool IsInMemory() =>
        ConnectionString is { Length: > 0 } cs && new SqliteConnectionStringBuilder(cs).Mode == SqliteOpenMode.Memory;
}
