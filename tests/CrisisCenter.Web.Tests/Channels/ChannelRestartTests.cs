using System.Net;
using CrisisCenter.Domain;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using static CrisisCenter.Web.Tests.Channels.ChannelSteps;

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>A webhook configured through the API survives a restart: the app started again on the same data
/// directory reads the channel from the store and decrypts its secret with the persisted key ring, so the partner
/// verifies the signature of what it receives.</summary>
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
        partner.SignedDeliveries.Keys.Should().BeEquivalentTo(posts.Select(p => p.IdempotencyKey));
        partner.BadSignatures.Should().Be(0);
    }
}
