namespace CrisisCenter.Web.Tests.Support;

/// <summary>Removes a test's data directory (store file, keys) once its hosts have stopped.</summary>
public static class DataDirectories
{
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a host that is shutting down: the temp folder is cleaned later.
        }
    }

    /// <summary>Deletes the directory when disposed; declare it before the hosts so it runs after they stop.</summary>
    public static IDisposable DeleteLater(string path) => new Deletion(path);

    private sealed class Deletion(string path) : IDisposable
    {
        public void Dispose() => Delete(path);
    }
}
