using CrisisCenter.Application.Projections;

namespace CrisisCenter.Web.Hosting;

/// <summary>Section "ReadStore" of the configuration, with the node's file defaulting to {DataDirectory}/readmodels.db.</summary>
public static class ReadStoreSettings
{
    public const string DefaultFileName = "readmodels.db";

    /// <summary>Binds the section and makes <see cref="ReadStoreOptions.Path"/> absolute (relative paths are under the content root).</summary>
    public static void Configure(ReadStoreOptions options, IConfiguration configuration, string dataDirectory, string contentRoot)
    {
        configuration.GetSection(ReadStoreOptions.Section).Bind(options);
        options.Path = FilePath(configuration, dataDirectory, contentRoot);
    }

    /// <summary>The read store file this node uses.</summary>
    public static string FilePath(IConfiguration configuration, string dataDirectory, string contentRoot) =>
        configuration.GetSection(ReadStoreOptions.Section)[nameof(ReadStoreOptions.Path)] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : Path.Combine(dataDirectory, DefaultFileName);
}
