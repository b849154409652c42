using CrisisCenter.Grains.Hosting;
using CrisisCenter.Grains.Incidents;
using Orleans.Configuration;

namespace CrisisCenter.Web.Hosting;

/// <summary>The co-hosted silo: clustering from <see cref="SiloOptions"/> and CrisisCenter's grains.</summary>
public static class SiloSetup
{
    /// <summary>Grain locations a node caches (Orleans' default is 1,000,000, allocated at start).</summary>
    public const int DirectoryCacheSize = 20_000;

    /// <summary>Binds section "Orleans" and validates it, throwing one message with every problem, so a wrong
    /// setting stops the node at start instead of leaving it outside its cluster.</summary>
    public static SiloOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SiloOptions.Section);
        // Orleans reads "Orleans:Clustering" as its own provider section: a plain value there (our option under the
        // name one would guess) would fail later with "Could not find Clustering provider named 'Default'".
        if (section["Clustering"] is { Length: > 0 } misplaced)
            throw new InvalidOperationException(
                $"Orleans configuration: Orleans:Clustering='{misplaced}' is Orleans' own provider section, not CrisisCenter's setting: use Orleans:ClusteringMode={misplaced} (environment: Orleans__ClusteringMode).");
        SiloOptions options;
        try
        {
            options = section.Get<SiloOptions>() ?? new SiloOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Orleans configuration: {e.Message} ClusteringMode is Localhost or Redis; ports are numbers.", e);
        }
        ThrowIfInvalid(options);
        return options;
    }

    /// <summary>Validates <paramref name="options"/> (see <see cref="ReadOptions"/>) and configures the silo.</summary>
    public static void Configure(ISiloBuilder silo, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);

        switch (options.ClusteringMode)
        {
            case ClusteringMode.Localhost:
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                break;
            case ClusteringMode.Redis:
                UseRedis(silo, options);
                break;
        }
        if (options.Liveness.IsSet)
            silo.Configure<ClusterMembershipOptions>(options.Liveness.ApplyTo);
        // Orleans sizes its grain-location cache for a million grains up front (megabytes of buckets, held for the
        // process's life); a node here hosts incidents in the thousands. A location missing from the cache is
        // looked up again, so this bounds memory, not correctness.
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheSize);
        silo.AddCrisisCenterGrains();
        // "Incidents": snapshot cadence and window, idle collection age (IncidentGrainOptions, validated at start).
        silo.Services.AddOptions<IncidentGrainOptions>().Bind(silo.Configuration.GetSection(IncidentGrainOptions.SectionName));
    }

    private static void UseRedis(ISiloBuilder silo, SiloOptions options)
    {
        var advertised = options.ResolveAdvertisedAddress();
        silo.UseRedisClustering(redis => redis.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis!));
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        // Listening defaults to the advertised address and ports, which is what a container or a VM wants.
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
            if (advertised is not null)
                endpoints.AdvertisedIPAddress = advertised;
        });
    }

    private static void ThrowIfInvalid(SiloOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("Orleans configuration: " + string.Join(" ", problems));
    }
}
