using System.Reflection;
using System.Text.RegularExpressions;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>
/// docker-compose.yml configures the nodes through environment variables (Section__Key). Docker cannot run here, so
/// these tests at least hold the file to the app's configuration: every variable names a real option, and the values
/// pass the same validation the app runs at start.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [CrisisCenterOptions.Section] = typeof(CrisisCenterOptions),
        [EventStoreOptions.Section] = typeof(EventStoreOptions),
        [SiloOptions.Section] = typeof(SiloOptions),
    };

    [Fact]
    public void every_app_setting_in_the_compose_file_names_an_option_of_the_app()
    {
        var settings = AppSettings();
        settings.Should().NotBeEmpty();
        foreach (var (key, _) in settings)
        {
            var (section, property) = (key.Split(':')[0], key.Split(':')[1]);
            Sections.Should().ContainKey(section, $"{key} must belong to a section the app reads");
            Sections[section].GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                .Should().NotBeNull($"{key} must name a property of {Sections[section].Name}");
        }
    }

    [Fact]
    public void the_nodes_use_eventstoredb_and_redis_clustering_with_valid_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AppSettings()).Build();

        var silo = SiloSetup.ReadOptions(configuration);
        silo.ClusteringMode.Should().Be(ClusteringMode.Redis);
        var store = configuration.GetSection(EventStoreOptions.Section).Get<EventStoreOptions>()!;
        store.Backend.Should().Be(EventStoreBackend.EventStoreDb);
        EventStoreDbConnectionString.Parse(store.ConnectionString!).UseTls.Should().BeFalse("the development EventStoreDB runs insecure");
        configuration["CrisisCenter:DataProtectionKeysDirectory"].Should().NotBeNullOrEmpty("the nodes share one key ring");
    }

    // Every "Section__Key: value" line, as configuration keys (Section:Key). Nodes differ only in values.
    private static Dictionary<string, string?> AppSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(ComposeFile()))
            if (Setting().Match(line) is { Success: true } match)
                settings[match.Groups["key"].Value.Replace("__", ":", StringComparison.Ordinal)] = match.Groups["value"].Value.Trim().Trim('"');
        return settings;
    }

    private static string ComposeFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "docker-compose.yml")) && File.Exists(Path.Combine(folder.FullName, "CrisisCenter.sln")))
                return Path.Combine(folder.FullName, "docker-compose.yml");
        throw new FileNotFoundException("docker-compose.yml not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s+(?<key>[A-Za-z]+__[A-Za-z]+):\s*(?<value>.*)$")]
    private static partial Regex Setting();
}
