namespace CrisisCenter.Web.Tests.Support;

/// <summary>A fresh data directory (store file, keys) under the temp folder, deleted at the end.</summary>
public sealed class TemporaryDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crisiscenter-web-tests", Guid.NewGuid().ToString("N"));

    public TemporaryDataDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a host that is shutting down: the temp folder is cleaned later.
        }
    }
}
