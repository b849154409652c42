namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>A data directory that outlives the apps started on it (a restart is a second app on the same
/// directory) and is deleted when the test is done with it.</summary>
public sealed class TemporaryDataDirectory : IDisposable
{
    public string Path { get; } = CrisisCenterApp.NewDataDirectory();

    /// <summary>The SQLite event store file the app keeps in this directory.</summary>
    public string StoreFile => System.IO.Path.Combine(Path, "crisiscenter.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open (a pooled SQLite connection) only leaves a temp folder behind.
        }
    }
}
