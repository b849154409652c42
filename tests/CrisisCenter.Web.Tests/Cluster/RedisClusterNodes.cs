using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CrisisCenter.Web.Tests.Cluster;

/// <summary>What the multi-node tests share: the settings that put app nodes in one Redis-clustered Orleans cluster,
/// and a bounded look at which silos a node's cluster counts as active.</summary>
internal static class RedisClusterNodes
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Settings for a node of a new cluster (its own ClusterId) on <paramref name="redis"/>; call once per
    /// node for separate clusters, or pass the same dictionary to every node of one cluster.</summary>
    public static Dictionary<string, string?> Settings(RedisServer redis, string clusterIdPrefix = "cluster") => new()
    {
        ["Orleans:ClusteringMode"] = "Redis",
        ["Orleans:Redis"] = redis.ConfigurationString,
        ["Orleans:AdvertisedIP"] = "127.0.0.1",
        ["Orleans:ClusterId"] = clusterIdPrefix + "-" + Guid.NewGuid().ToString("N")[..8],
    };

    /// <summary>The silos <paramref name="node"/>'s cluster lists as active, once there are at least
    /// <paramref name="atLeast"/> or <see cref="Patience"/> has passed (then whatever there is).</summary>
    public static async Task<List<SiloAddress>> ActiveSilosAsync(CrisisCenterApp node, int atLeast)
    {
        var management = node.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var hosts = await management.GetHosts(onlyActive: true);
            if (hosts.Count >= atLeast || DateTime.UtcNow > deadline)
                return [.. hosts.Keys];
            await Task.Delay(200);
        }
    }
}
