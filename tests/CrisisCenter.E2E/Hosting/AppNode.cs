namespace CrisisCenter.E2E.Hosting;

/// <summary>One web node's settings: its data directory (possibly shared with another node), HTTP URL, silo ports,
/// and any further configuration (<see cref="Settings"/>, environment-variable names, e.g. "Orleans__ClusteringMode").</summary>
public sealed record AppNode(string DataDirectory, int HttpPort, int SiloPort, int GatewayPort, string ClusterId)
{
    /// <summary>Further configuration as environment variables; it wins over the defaults of <see cref="Environment"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public static AppNode Create(string dataDirectory) =>
        new(dataDirectory, FreePort.Next(), FreePort.Next(), FreePort.Next(), "e2e-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Another node on the same store and with the same <see cref="Settings"/>: own ports and, unless the
    /// settings name a ClusterId and a shared clustering, its own (single-silo) cluster.</summary>
    public AppNode Sibling() => Create(DataDirectory) with { Settings = Settings };

    public Uri BaseAddress => new($"http://localhost:{HttpPort}");

    /// <summary>The configuration the app reads, as environment variables (the CLI verbs take no --key=value options).</summary>
    public IReadOnlyDictionary<string, string> Environment => WithSettings(new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "E2E",
        ["CrisisCenter__DataDirectory"] = DataDirectory,
        ["CrisisCenter__SeedDemo"] = "false",
        ["Orleans__SiloPort"] = SiloPort.ToString(),
        ["Orleans__GatewayPort"] = GatewayPort.ToString(),
        ["Orleans__ClusterId"] = ClusterId,
        ["Logging__LogLevel__Default"] = "Warning",
    });

    private Dictionary<string, string> WithSettings(Dictionary<string, string> defaults)
    {
        foreach (var (key, value) in Settings) defaults[key] = value;
        return defaults;
    }
}
