using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>Holds the file's write lock from outside the store, the way another process's long write would,
/// so a test can pile appends up in the store's queue and then let them through at a moment it chooses.</summary>
public sealed class WriteLockHolder : IDisposable
{
    private readonly SqliteConnection connection;
    private SqliteTransaction? transaction;

    public WriteLockHolder(TemporaryDatabaseFile file)
    {
        connection = file.OpenDirectConnection();
        transaction = connection.BeginTransaction(deferred: false);
    }

    public void Release()
    {
        transaction?.Commit();
        transaction?.Dispose();
        transaction = null;
    }

    public void Dispose()
    {
        Release();
        connection.Dispose();
    }
}
