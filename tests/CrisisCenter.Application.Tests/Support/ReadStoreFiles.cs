namespace CrisisCenter.Application.Tests.Support;

/// <summary>Paths for read store files in a temporary folder, deleted (with their WAL and lock files) at the end.</summary>
public sealed class ReadStoreFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crisiscenter-application-tests", "read-stores-" + Guid.NewGuid().ToString("N"));

    public ReadStoreFiles() => Directory.CreateDirectory(_folder);

    public string New() => Path.Combine(_folder, $"{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
