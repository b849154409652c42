using System.Net;
using System.Net.Http.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Grains.SignIn;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CrisisCenter.Web.Tests.Cluster;

/// <summary>Wrong passwords spread over two nodes of one cluster count together: the limit is per account, not per node.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class ClusterLockoutTests
{
    [SkippableFact]
    public async Task failures_alternating_between_two_nodes_lock_the_account_at_the_limit()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        await using var redis = await RedisServer.StartAsync();
        var dataDirectory = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(dataDirectory);
        var cluster = RedisClusterNodes.Settings(redis, "lockout");
        await using var nodeA = await CrisisCenterApp.StartAsync(dataDirectory, cluster);
        await using var nodeB = await CrisisCenterApp.StartAsync(dataDirectory, cluster);
        (await RedisClusterNodes.ActiveSilosAsync(nodeA, atLeast: 2)).Should().HaveCount(2, "both nodes must be in one cluster");
        (await RedisClusterNodes.ActiveSilosAsync(nodeB, atLeast: 2)).Should().HaveCount(2);
        var account = await nodeA.CreateUserAsync("lock.spread", "MES", "PressOfficer");
        using var viaA = nodeA.Anonymous();
        using var viaB = nodeB.Anonymous();

        for (var i = 0; i < AccountDirectory.FailuresBeforeLockout - 1; i++)
            (await SignInAsync(i % 2 == 0 ? viaA : viaB, "lock.spread", "wrong-guess-" + i)).Should().Be(HttpStatusCode.Unauthorized);
        // Per node that would be 2 and 2: far from the limit. The cluster has counted 4.
        (await nodeB.Services.GetRequiredService<IGrainFactory>().GetGrain<ISignInFailuresGrain>(account.UserId).Count())
            .Should().Be(AccountDirectory.FailuresBeforeLockout - 1);
        (await SignInAsync(viaA, "lock.spread", "wrong-guess-last")).Should().Be(HttpStatusCode.Unauthorized);

        (await SignInAsync(viaB, "lock.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.Unauthorized, "node B honours the lockout");
        (await SignInAsync(viaA, "lock.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.Unauthorized, "node A honours the lockout");
        var stored = new List<string>();
        await foreach (var e in nodeA.Store.ReadStreamAsync(AccountDirectory.Stream)) stored.Add(e.Type);
        stored.Should().ContainSingle(t => t == "account.locked_out.v1");
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        return response.StatusCode;
    }
}
