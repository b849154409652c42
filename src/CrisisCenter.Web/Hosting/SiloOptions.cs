using System.Net;

namespace CrisisCenter.Web.Hosting;

/// <summary>How silos find each other.</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine, on the loopback address (the embedded default).</summary>
    Localhost,

    /// <summary>Membership table in Redis: every node that shares the Redis server, ServiceId and ClusterId joins one cluster.</summary>
    Redis,
}

/// <summary>Section "Orleans": the co-hosted silo. Defaults fit one node on this machine. Validated at start
/// (<see cref="Validate"/>).</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Orleans:ClusteringMode. Not "Orleans:Clustering": Orleans itself reads that section
    /// (Orleans:Clustering:ProviderType) and fails on any value it does not know.</summary>
    public ClusteringMode ClusteringMode { get; set; } = ClusteringMode.Localhost;

    /// <summary>Silo-to-silo port: listened on and advertised to the other silos.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gateway port for Orleans clients (the web nodes co-host their silo and do not need it; kept for tools).</summary>
    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "crisiscenter";
    public string ServiceId { get; set; } = "crisiscenter";

    /// <summary>ClusteringMode=Redis: a StackExchange.Redis configuration string, e.g. "redis:6379" or
    /// "redis1:6379,password=...,ssl=true".</summary>
    public string? Redis { get; set; }

    /// <summary>ClusteringMode=Redis: the address other silos reach this one at - an IP address, or a host name resolved
    /// at start (a container's service name). Unset: the first non-loopback IPv4 address of this machine.</summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>Orleans:Liveness: how fast the cluster declares a silent silo dead (unset values keep Orleans' defaults).</summary>
    public SiloLivenessOptions Liveness { get; set; } = new();

    /// <summary>Every problem with these options, in words an operator can act on; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(ClusteringMode))
            problems.Add($"Orleans:ClusteringMode '{ClusteringMode}' is unknown: use Localhost or Redis.");
        if (SiloPort is < 1 or > 65535)
            problems.Add($"Orleans:SiloPort {SiloPort} is not a TCP port (1-65535).");
        if (GatewayPort is < 1 or > 65535)
            problems.Add($"Orleans:GatewayPort {GatewayPort} is not a TCP port (1-65535).");
        if (SiloPort == GatewayPort)
            problems.Add($"Orleans:SiloPort and Orleans:GatewayPort are both {SiloPort}: they need two different ports.");
        if (string.IsNullOrWhiteSpace(ClusterId))
            problems.Add("Orleans:ClusterId is empty: nodes of one cluster share a non-empty ClusterId.");
        if (string.IsNullOrWhiteSpace(ServiceId))
            problems.Add("Orleans:ServiceId is empty: nodes of one cluster share a non-empty ServiceId.");

        problems.AddRange(Liveness.Validate());

        if (ClusteringMode == ClusteringMode.Redis)
        {
            if (string.IsNullOrWhiteSpace(Redis))
                problems.Add("Orleans:Redis is required with Orleans:ClusteringMode=Redis, e.g. \"redis:6379\".");
            else if (RedisConfigurationProblem(Redis) is { } redisProblem)
                problems.Add($"Orleans:Redis is not a valid Redis configuration string: {redisProblem}");
            if (AdvertisedIP is { Length: > 0 } advertised && string.IsNullOrWhiteSpace(advertised))
                problems.Add("Orleans:AdvertisedIP is blank: give an IP address or a host name, or leave it unset.");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(Redis))
                problems.Add("Orleans:Redis is set but Orleans:ClusteringMode is Localhost: set Orleans:ClusteringMode=Redis to use it, or remove it.");
            if (!string.IsNullOrWhiteSpace(AdvertisedIP))
                problems.Add("Orleans:AdvertisedIP applies to Orleans:ClusteringMode=Redis only; a Localhost silo is always on 127.0.0.1.");
        }
        return problems;
    }

    /// <summary>ClusteringMode=Redis: the advertised address, resolved; null lets Orleans pick this machine's first
    /// non-loopback IPv4 address.</summary>
    public IPAddress? ResolveAdvertisedAddress()
    {
        if (string.IsNullOrWhiteSpace(AdvertisedIP))
            return null;
        var value = AdvertisedIP.Trim();
        if (IPAddress.TryParse(value, out var address))
            return address;
        try
        {
            var addresses = Dns.GetHostAddresses(value);
            return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException($"Orleans:AdvertisedIP '{value}' resolves to no address.");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException($"Orleans:AdvertisedIP '{value}' is neither an IP address nor a host name this machine can resolve: {e.Message}", e);
        }
    }

    private static string? RedisConfigurationProblem(string configuration)
    {
        try
        {
            var parsed = StackExchange.Redis.ConfigurationOptions.Parse(configuration);
            return parsed.EndPoints.Count == 0 ? "it names no host (e.g. \"redis:6379\")." : null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
