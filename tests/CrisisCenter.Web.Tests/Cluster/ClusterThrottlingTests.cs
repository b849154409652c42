using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CrisisCenter.Grains.SignIn;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Cluster;

/// <summary>Wrong passwords spread over two nodes of one cluster are throttled together (one grain per account), and
/// the owner's known device still signs in through either node.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class ClusterThrottlingTests
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private const int AccountFailureCeiling = 40;

    [SkippableFact]
    public async Task an_attack_spread_over_two_nodes_meets_one_throttle_and_the_owners_known_device_signs_in_through_either()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        await using var redis = await RedisServer.StartAsync();
        var dataDirectory = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(dataDirectory);
        var settings = RedisClusterNodes.Settings(redis, "throttle");
        settings["Auth:Throttling:FirstDelay"] = FirstDelay.ToString();
        settings["Auth:Throttling:MaxDelay"] = MaxDelay.ToString();
        settings["Auth:Throttling:AccountFailureCeiling"] = AccountFailureCeiling.ToString(CultureInfo.InvariantCulture);
        settings["Auth:Throttling:AccountDelay"] = "00:01:00";
        settings["RateLimits:SignInsPerMinute"] = "100000";
        await using var nodeA = await CrisisCenterApp.StartAsync(dataDirectory, settings);
        await using var nodeB = await CrisisCenterApp.StartAsync(dataDirectory, settings);
        (await RedisClusterNodes.ActiveSilosAsync(nodeA, atLeast: 2)).Should().HaveCount(2, "both nodes must be in one cluster");
        (await RedisClusterNodes.ActiveSilosAsync(nodeB, atLeast: 2)).Should().HaveCount(2);
        await nodeA.CreateUserAsync("duty.spread", "MES", "Approver");
        Uri[] nodes = [nodeA.BaseAddress, nodeB.BaseAddress];
        using var owner = ClientAddress.From(null, "127.0.0.2");
        (await TokenAsync(owner, nodeA.BaseAddress, "duty.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.OK, "the owner's device becomes known");

        // One address alternating between the nodes: were each node counting alone, twice as many guesses would be checked.
        using var attacker = ClientAddress.From(null, "127.0.0.3");
        var answers = new List<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(4))
            answers.Add(await TokenAsync(attacker, nodes[answers.Count % 2], "duty.spread", "guess-" + answers.Count));
        answers.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
        // 1 s, 2 s, 2 s … apart: within 4 s the password is checked at 0, 1 and 3 s, plus one for the last request's time.
        var checkedGuesses = answers.Count(s => s == HttpStatusCode.Unauthorized);
        checkedGuesses.Should().BeInRange(2, 4);
        answers.Count(s => s == HttpStatusCode.TooManyRequests).Should().BeGreaterThan(10);

        // Many addresses, one guess each, spread over both nodes: together they reach the account-wide ceiling.
        for (var i = 0; i < AccountFailureCeiling - checkedGuesses; i++)
        {
            using var bot = ClientAddress.From(null, "127.0.3." + (i + 1).ToString(CultureInfo.InvariantCulture));
            (await TokenAsync(bot, nodes[i % 2], "duty.spread", "spray-" + i)).Should().Be(HttpStatusCode.Unauthorized);
        }
        var counts = await nodeB.Services.GetRequiredService<IGrainFactory>().GetGrain<ISignInThrottleGrain>(SignInThrottleGrain.KeyOf("duty.spread")).Failures("address:127.0.0.3");
        counts.Should().Be(new SignInFailureCounts(AccountFailureCeiling, checkedGuesses), "the cluster counted every node's failures once");
        using var newcomer = ClientAddress.From(null, "127.0.4.1");
        (await TokenAsync(newcomer, nodeA.BaseAddress, "duty.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.TooManyRequests, "node A slows unknown devices");
        (await TokenAsync(newcomer, nodeB.BaseAddress, "duty.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.TooManyRequests, "so does node B");

        (await TokenAsync(owner, nodeB.BaseAddress, "duty.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.OK, "the known device works through node B");
        (await TokenAsync(owner, nodeA.BaseAddress, "duty.spread", CrisisCenterApp.Password)).Should().Be(HttpStatusCode.OK, "and through node A");
    }

    private static async Task<HttpStatusCode> TokenAsync(HttpClient client, Uri node, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync(new Uri(node, "/api/auth/token"), new { userName, password });
        return response.StatusCode;
    }
}
