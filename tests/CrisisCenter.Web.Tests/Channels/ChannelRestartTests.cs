using System.Net;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Domain;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CrisisCenter.Web.Tests.Channels.ChannelSteps;

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>A webhook configured through the API survives a restart: the app started again on the same data
/// directory reads the channel from the store and decrypts its secret with the persisted key ring, so the partner
/// verifies the signature of what it receives. A second node on the same store and key ring follows the changes live.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class ChannelRestartTests
{
    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task a_webhook_configured_before_a_restart_is_delivered_signed_with_its_secret_after_it()
    {
        using var data = new TemporaryDataDirectory();
        var secret = "whsec-" + Guid.NewGuid().ToString("N");
        await using var partner = await PartnerWebhook.StartAsync(secret);
        const string code = "partner-akimat";

        AgencyStaff staffBefore;
        await using (var first = await CrisisCenterApp.StartAsync(data.Path))
        {
            staffBefore = await AgencyStaff.EnrolAsync(first);
            await (await staffBefore.Admin.PutChannelAsync(code, Webhook(partner.Url, secret))).ReadBodyAsync(HttpStatusCode.Created);
        }

        await using var second = await CrisisCenterApp.StartAsync(data.Path);
        using var staff = staffBefore.On(second);
        staffBefore.Dispose();

        var channel = await staff.Admin.GetJsonAsync<ChannelsApi.ChannelView>(Channel(code));
        channel.Should().Match<ChannelsApi.ChannelView>(c => c.Source == "api" && c.SecretSet && c.Url == partner.Url.ToString());

        var statement = await staff.PublishNewStatementAsync(code);
        var posts = await staff.PressOfficer.SettledPostsAsync(statement);

        posts.Should().HaveCount(2).And.OnlyContain(p => p.Status == ChannelPostStatus.Delivered, "the secret decrypted after the restart: {0}",
            string.Join("; ", posts.Select(p => p.LastError)));
        // A channel without an events list also hears of incident changes (incident.updated, keys "incident:…").
        partner.SignedDeliveries.Keys.Where(key => !key.StartsWith("incident:", StringComparison.Ordinal)).Should().BeEquivalentTo(posts.Select(p => p.IdempotencyKey));
        partner.BadSignatures.Should().Be(0);
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task a_second_node_sharing_the_store_and_key_ring_follows_channel_changes_live()
    {
        var data = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(data);
        await using var nodeA = await CrisisCenterApp.StartAsync(data);
        await using var nodeB = await CrisisCenterApp.StartAsync(data);
        await nodeA.CreateUserAsync("admin.channels", "MCI", "Admin");
        using var adminOnA = await nodeA.SignInAsync("admin.channels");
        var directoryOnB = nodeB.Services.GetRequiredService<ChannelDirectory>();
        directoryOnB.FindTarget("partner-shared").Should().BeNull();
        var secret = "whsec-" + Guid.NewGuid().ToString("N");

        await (await adminOnA.PutChannelAsync("partner-shared", Webhook(new Uri("https://partner.example/hooks"), secret))).ReadBodyAsync(HttpStatusCode.Created);

        // Node B is asked nothing: its follower sees the new event in the store and decrypts with the shared keys.
        await WaitUntilAsync(() => directoryOnB.FindTarget("partner-shared")?.Secret == secret, "node B to use the channel node A configured");
        await (await adminOnA.PostAsync(Channel("partner-shared") + "/disable", null)).ReadBodyAsync(HttpStatusCode.OK);
        await WaitUntilAsync(() => directoryOnB.FindTarget("partner-shared") is { Enabled: false }, "node B to see the channel switched off");
        await (await adminOnA.DeleteAsync(Channel("partner-shared"))).ReadBodyAsync(HttpStatusCode.NoContent);
        await WaitUntilAsync(() => directoryOnB.FindTarget("partner-shared") is null, "node B to see the channel removed");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("Waited 30 s for " + what + ".");
            await Task.Delay(50);
        }
    }
}
