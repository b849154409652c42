using CrisisCenter.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>A fresh database file for one test, deleted with its WAL and shared-memory files afterwards.</summary>
public sealed class TemporaryDatabaseFile : IDisposable
{
    public TemporaryDatabaseFile()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crisiscenter-eventstore-tests");
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, $"{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public SqliteEventStoreOptions Options => SqliteEventStoreOptions.ForFile(Path) with { PollInterval = TimeSpan.FromMilliseconds(100) };

    /// <summary>A connection outside any store, like a person with the sqlite3 shell; unpooled, so it lets go of the file.</summary>
    public SqliteConnection OpenDirectConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 10 }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(Path + suffix);
    }
}
