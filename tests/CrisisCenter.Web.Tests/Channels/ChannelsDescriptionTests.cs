using System.Net;
using System.Text.Json;
using CrisisCenter.Channels;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>The channel API is described in the OpenAPI document, and nothing that may end up in a log shows a secret.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class ChannelsDescriptionTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_openapi_document_lists_the_channel_routes()
    {
        using var anonymous = api.App.Anonymous();
        using var document = JsonDocument.Parse(await (await anonymous.GetAsync(ApiRoutes.OpenApi)).ReadBodyAsync(HttpStatusCode.OK));
        var paths = document.RootElement.GetProperty("paths");
        string[] Methods(string path) => paths.TryGetProperty(path, out var item) ? [.. item.EnumerateObject().Select(p => p.Name)] : [];

        Methods("/api/channels").Should().Contain("get");
        Methods("/api/channels/{code}").Should().Contain(["get", "put", "delete"]);
        Methods("/api/channels/{code}/enable").Should().Contain("post");
        Methods("/api/channels/{code}/disable").Should().Contain("post");
    }

    [Fact]
    public void a_channel_target_and_secret_changes_describe_themselves_without_their_secrets()
    {
        var target = new ChannelTarget
        {
            Kind = ChannelKind.Webhook, Url = new Uri("https://user:pass-in-url@partner.example/hooks?token=query-token"),
            Secret = "webhook-secret-value", BotToken = "bot-token-value", SmtpPassword = "smtp-password-value",
        };
        var changes = new SecretChanges("webhook-secret-value", "", null);
        var body = new ChannelsApi.ChannelBody(ChannelKind.Webhook, true, "https://partner.example/hooks", "webhook-secret-value", "bot-token-value", null, null, null, null, null, null, "smtp-password-value", null, null);

        foreach (var text in new[] { target.ToString(), changes.ToString(), body.ToString() })
            text.Should().NotContainAny("webhook-secret-value", "bot-token-value", "smtp-password-value", "pass-in-url", "query-token");
        target.ToString().Should().Contain("secret set").And.Contain("partner.example/hooks");
        changes.ToString().Should().Contain("Secret = replace").And.Contain("BotToken = clear").And.Contain("SmtpPassword = keep");
    }
}
