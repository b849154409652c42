using CrisisCenter.EventStore;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Sqlite;

namespace CrisisCenter.Web.Cli.Migration;

/// <summary>Where migrate-store reads from or writes to: <c>sqlite:PATH</c> (a store file) or an EventStoreDB
/// connection string (<c>esdb://...</c>, <c>kurrentdb://...</c>).</summary>
public abstract record StoreAddress
{
    private const string SqlitePrefix = "sqlite:";

    public sealed record SqliteFile(string Path) : StoreAddress
    {
        public override string ToString() => SqlitePrefix + Path;
    }

    public sealed record EventStoreDb(EventStoreDbConnectionString Settings) : StoreAddress
    {
        // The connection string's own ToString hides the password.
        public override string ToString() => Settings.ToString();
    }

    /// <summary>Parses an address; throws <see cref="FormatException"/> saying what is wrong.
    /// Relative SQLite paths are taken from <paramref name="workingDirectory"/>.</summary>
    public static StoreAddress Parse(string text, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[SqlitePrefix.Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
                path = path[2..];
            if (string.IsNullOrWhiteSpace(path))
                throw new FormatException($"'{text}' names no file: write sqlite:PATH, e.g. sqlite:data/crisiscenter.db.");
            return new SqliteFile(System.IO.Path.GetFullPath(path, workingDirectory));
        }
        if (text.Contains("://", StringComparison.Ordinal))
            return new EventStoreDb(EventStoreDbConnectionString.Parse(text));
        throw new FormatException($"'{text}' is not a store address: write sqlite:PATH or esdb://host:2113?tls=... .");
    }

    /// <summary>Opens the store. A source must exist already (opening a missing SQLite file would create an empty
    /// store and "migrate" nothing); a target SQLite file is created with its folder.</summary>
    public OpenedStore Open(bool mustExist, TimeProvider clock) => this switch
    {
        SqliteFile sqlite when mustExist && !File.Exists(sqlite.Path) =>
            throw new FileNotFoundException($"The SQLite store {sqlite.Path} does not exist.", sqlite.Path),
        SqliteFile sqlite => OpenSqlite(sqlite.Path, clock),
        EventStoreDb esdb => new OpenedStore(new EventStoreDbEventStore(esdb.Settings)),
        _ => throw new InvalidOperationException($"Unknown store address {this}."),
    };

    /// <summary>True when both addresses name the same store (copying a store onto itself is refused).</summary>
    public bool IsSameStoreAs(StoreAddress other) => (this, other) switch
    {
        (SqliteFile a, SqliteFile b) => string.Equals(a.Path, b.Path, StringComparison.Ordinal),
        (EventStoreDb a, EventStoreDb b) => a.Settings.Endpoints.Intersect(b.Settings.Endpoints).Any(),
        _ => false,
    };

    private static OpenedStore OpenSqlite(string path, TimeProvider clock)
    {
        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        return new OpenedStore(new SqliteEventStore(SqliteEventStoreOptions.ForFile(path), clock));
    }
}

/// <summary>A store opened by the CLI, closed with it.</summary>
public sealed class OpenedStore(IEventStore store) : IAsyncDisposable
{
    public IEventStore Store { get; } = store;

    public ValueTask DisposeAsync() => Store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
