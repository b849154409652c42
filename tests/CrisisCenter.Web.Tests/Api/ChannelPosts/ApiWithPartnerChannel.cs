using CrisisCenter.Web.Tests.Channels;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.ChannelPosts;

/// <summary>
/// The real app with one webhook channel, "partner", pointing at a <see cref="PartnerWebhook"/> that starts down.
/// Two attempts per post, short backoff: a post to the partner while it is down is Abandoned within a second.
/// The partner takes statement events only (not incident.updated), so nothing but the tests' own commands and
/// their deliveries writes to the store.
/// </summary>
public sealed class ApiWithPartnerChannel : IAsyncLifetime
{
    public const string Channel = "partner";
    public const string PartnerSecret = "partner-secret-of-the-api-tests";

    public CrisisCenterApp App { get; private set; } = null!;
    public AgencyStaff Staff { get; private set; } = null!;
    public PartnerWebhook Partner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Partner = await PartnerWebhook.StartAsync(PartnerSecret);
        Partner.IsDown = true;
        App = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
        {
            [$"Channels:Targets:{Channel}:Kind"] = "Webhook",
            [$"Channels:Targets:{Channel}:Url"] = Partner.Url.ToString(),
            [$"Channels:Targets:{Channel}:Secret"] = PartnerSecret,
            [$"Channels:Targets:{Channel}:Events:0"] = "statement.published",
            ["Channels:Dispatch:MaxAttempts"] = "2",
            ["Channels:Dispatch:BaseDelay"] = "00:00:00.050",
            ["Channels:Dispatch:MaxDelay"] = "00:00:00.200",
            ["Channels:Dispatch:AttemptTimeout"] = "00:00:05",
        });
        Staff = await AgencyStaff.EnrolAsync(App);
    }

    public async Task DisposeAsync()
    {
        Staff?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Partner is not null) await Partner.DisposeAsync();
    }
}
