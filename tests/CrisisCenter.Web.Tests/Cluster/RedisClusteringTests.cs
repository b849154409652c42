using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CrisisCenter.Web.Tests.Cluster;

/// <summary>Two real app nodes (Kestrel + co-hosted silo) on one SQLite store and one Redis membership table.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class RedisClusteringTests
{
    [SkippableFact]
    public async Task two_nodes_on_one_redis_form_one_cluster_and_each_incident_is_active_once()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        await using var redis = await RedisServer.StartAsync();
        var dataDirectory = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(dataDirectory);
        var cluster = RedisClusterNodes.Settings(redis);

        await using var nodeA = await CrisisCenterApp.StartAsync(dataDirectory, cluster);
        await using var nodeB = await CrisisCenterApp.StartAsync(dataDirectory, cluster);

        var silosSeenByA = await RedisClusterNodes.ActiveSilosAsync(nodeA, atLeast: 2);
        var silosSeenByB = await RedisClusterNodes.ActiveSilosAsync(nodeB, atLeast: 2);
        silosSeenByA.Should().HaveCount(2, "both nodes joined the membership table in Redis");
        silosSeenByB.Should().BeEquivalentTo(silosSeenByA, "both nodes see the same cluster");

        await nodeA.CreateUserAsync("press.mes", "MES", "PressOfficer");
        using var viaA = await nodeA.SignInAsync("press.mes");
        using var viaB = await nodeB.SignInAsync("press.mes");

        var declared = await viaA.DeclareIncidentAsync();
        var first = await viaB.LogSituationUpdateAsync(declared.IncidentId);
        var second = await viaA.LogSituationUpdateAsync(declared.IncidentId);
        var third = await viaB.LogSituationUpdateAsync(declared.IncidentId);

        new[] { declared.Revision, first.Revision, second.Revision, third.Revision }.Should().BeInAscendingOrder()
            .And.OnlyHaveUniqueItems();
        first.Revision.Should().Be(declared.Revision + 1, "node B's command was decided on the state node A's command left");
        second.Revision.Should().Be(first.Revision + 1);
        third.Revision.Should().Be(second.Revision + 1);

        var incident = nodeA.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(declared.IncidentId);
        var activations = await nodeA.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0)
            .GetDetailedGrainStatistics(null, [.. silosSeenByA]);
        activations.Where(a => a.GrainId == incident.GetGrainId()).Should().ContainSingle("one activation of the incident in the whole cluster");
        var hostSeenByA = await ActivationSiloAsync(nodeA, declared.IncidentId);
        var hostSeenByB = await ActivationSiloAsync(nodeB, declared.IncidentId);
        hostSeenByA.Should().NotBeNull();
        hostSeenByB.Should().Be(hostSeenByA!, "both nodes route the incident to the same activation");
        silosSeenByA.Should().Contain(hostSeenByA!);
    }

    [SkippableFact]
    public async Task nodes_with_different_cluster_ids_on_one_redis_stay_apart()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        await using var redis = await RedisServer.StartAsync();
        var dataDirectory = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(dataDirectory);

        await using var nodeA = await CrisisCenterApp.StartAsync(dataDirectory, RedisClusterNodes.Settings(redis));
        await using var nodeB = await CrisisCenterApp.StartAsync(dataDirectory, RedisClusterNodes.Settings(redis));

        (await RedisClusterNodes.ActiveSilosAsync(nodeA, atLeast: 1)).Should().ContainSingle("the membership table is per ClusterId");
        (await RedisClusterNodes.ActiveSilosAsync(nodeB, atLeast: 1)).Should().ContainSingle();
    }

    private static async Task<SiloAddress?> ActivationSiloAsync(CrisisCenterApp node, Guid incidentId)
    {
        var grains = node.Services.GetRequiredService<IGrainFactory>();
        return await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IIncidentGrain>(incidentId));
    }
}
