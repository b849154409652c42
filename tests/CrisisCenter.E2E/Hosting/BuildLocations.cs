using System.Reflection;

namespace CrisisCenter.E2E.Hosting;

/// <summary>Where the build put the app and the repository (written into this assembly by the project file).</summary>
public static class BuildLocations
{
    public static string WebProjectDirectory => Metadata("CrisisCenter.WebProjectDirectory");
    public static string WebAssembly => Metadata("CrisisCenter.WebAssembly");
    public static string RepositoryRoot => Metadata("CrisisCenter.RepositoryRoot");

    private static string Metadata(string key) =>
        typeof(BuildLocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing; the project file writes it.");
}
