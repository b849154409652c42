using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// An admin sees which event types a partner's webhook takes and changes them on the channels screen: the boxes are
/// the server's list, an empty choice is refused by the server under the list, and once incident changes are ticked
/// the partner hears of the next incident (and not of one declared before).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ChannelEventTypesTests(DashboardFixture fixture)
{
    private const string Channel = "partner-akimat-almaty";
    private const string Secret = "e2e-partner-signing-secret";
    private static readonly TestUser Admin = new("admin.e2e", "Aigerim Sadykova", "Admin", "MES");

    [SkippableFact]
    public async Task An_admin_changes_a_webhooks_event_types_and_the_partner_then_receives_incident_changes()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var partner = SigningPartner.Start(Secret);
        var node = AppNode.Create(Directory.CreateTempSubdirectory("crisiscenter-e2e-").FullName);
        await RunningApp.AddUserAsync(node, Admin);
        await RunningApp.AddUserAsync(node, TestUser.PressOfficer);
        await using var app = await RunningApp.StartAsync(node, ownsData: true);
        try
        {
            await using var admin = await fixture.SignInAsync(Admin, node: app);
            await using var press = await fixture.SignInAsync(TestUser.PressOfficer, node: app);
            await PutChannelAsync(admin, new { kind = "Webhook", enabled = true, url = partner.Url, secret = Secret, events = new[] { "statement.published" } });
            var declaredBefore = await IncidentSetup.DeclareAsync(press, "Сел қаупі: Талғар өзені");

            await admin.Page.GotoAsync("/#/admin/channels");
            var row = admin.Page.Locator($"[data-testid='channels'] tr[data-channel='{Channel}']");
            await Expect(row.Locator("[data-testid='channel-events'] [data-event]")).ToHaveTextAsync(["statement.published"]);
            await row.Locator("button[data-action='edit']").ClickAsync();

            // The boxes are the server's list, ticked as stored.
            var known = (await admin.GetAsync("/api/webhook-event-types")).EnumerateArray().Select(e => e.GetString()!).ToList();
            known.Should().Contain(["statement.published", "statement.corrected", "statement.retracted", "incident.updated"]);
            var field = admin.Page.Locator("[data-testid='channel-events-field']");
            var boxes = field.Locator("input[type='checkbox'][value]");
            await Expect(boxes).ToHaveCountAsync(known.Count);
            (await boxes.EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)")).Should().Equal(known);
            await Expect(field.Locator("input[data-action='events-every']")).Not.ToBeCheckedAsync();
            await Expect(field.Locator("input[value='statement.published']")).ToBeCheckedAsync();
            await Expect(field.Locator("input[value='incident.updated']")).Not.ToBeCheckedAsync();

            // Nothing ticked: the server's problem details say why, under the list; nothing changes.
            await field.Locator("input[value='statement.published']").UncheckAsync();
            var save = admin.Page.Locator("form.channel-form button[type='submit']");
            await save.ClickAsync();
            await Expect(field.Locator(".field-error")).ToContainTextAsync("Leave out for every event type, or list some of: statement.published");
            await Expect(admin.Page.Locator("form.channel-form .form-problem")).ToBeVisibleAsync();
            EventsOf(await admin.GetAsync($"/api/channels/{Channel}")).Should().Equal("statement.published");

            await field.Locator("input[value='statement.corrected']").CheckAsync();
            await field.Locator("input[value='incident.updated']").CheckAsync();
            await save.ClickAsync();
            await Expect(admin.Page.Locator(".notice-success")).ToContainTextAsync(Channel);
            await Expect(admin.Page.Locator("form.channel-form")).ToHaveCountAsync(0);
            await Expect(row.Locator("[data-testid='channel-events'] [data-event]")).ToHaveTextAsync(["statement.corrected", "incident.updated"]);
            EventsOf(await admin.GetAsync($"/api/channels/{Channel}")).Should().Equal("statement.corrected", "incident.updated");
            await row.Locator("button[data-action='edit']").ClickAsync();
            await Expect(field.Locator("input[value='incident.updated']")).ToBeCheckedAsync();
            await fixture.Screenshots.TakeAsync(admin.Page, "channels-event-types");

            // The partner hears of the incident declared now, and never of the one declared while it took statements only.
            var declaredAfter = await IncidentSetup.DeclareAsync(press, "Су тасқыны: Есіл өзені");
            var heard = await partner.WaitForAsync(e => e.GetProperty("incident").GetProperty("id").GetString() == declaredAfter, TimeSpan.FromSeconds(30));
            heard.GetProperty("type").GetString().Should().Be("incident.updated");
            heard.GetProperty("change").GetString().Should().Be("declared");
            partner.Received.Should().AllSatisfy(e => e.GetProperty("type").GetString().Should().Be("incident.updated"));
            partner.Received.Should().NotContain(e => e.GetProperty("incident").GetProperty("id").GetString() == declaredBefore,
                "that change was read while the partner took statement events only (and is earlier in the sender's queue)");
            partner.BadSignatures.Should().Be(0);

            admin.PageErrors.Should().BeEmpty();
            admin.ConsoleErrors.Should().NotContain(e => e.Contains("Content Security Policy") || e.StartsWith("Refused"));
        }
        finally
        {
            app.SaveOutput("channel-event-types-app");
        }
    }

    private static async Task PutChannelAsync(UserSession admin, object body)
    {
        var response = await admin.Context.APIRequest.PutAsync($"/api/channels/{Channel}", new APIRequestContextOptions { DataObject = body });
        response.Ok.Should().BeTrue(await response.TextAsync());
    }

    private static IEnumerable<string> EventsOf(JsonElement channel) => channel.GetProperty("events").EnumerateArray().Select(e => e.GetString()!);

    /// <summary>A partner's webhook endpoint on loopback that checks the HMAC signature as the Channels README tells
    /// partners to, answers 200, and keeps every correctly signed event.</summary>
    private sealed class SigningPartner : IAsyncDisposable
    {
        private readonly LoopbackWebhookEndpoint endpoint;
        private readonly byte[] secret;
        private readonly ConcurrentQueue<JsonElement> received = new();
        private int badSignatures;

        private SigningPartner(string secret)
        {
            this.secret = Encoding.UTF8.GetBytes(secret);
            endpoint = new LoopbackWebhookEndpoint(HandleAsync);
        }

        public string Url => endpoint.Url;
        public IReadOnlyList<JsonElement> Received => [.. received];
        public int BadSignatures => Volatile.Read(ref badSignatures);

        public static SigningPartner Start(string secret) => new(secret);

        public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            while (true)
            {
                foreach (var e in received)
                    if (match(e)) return e;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The partner received {received.Count} events, none the one awaited.");
                await Task.Delay(100);
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var timestamp = context.Request.Headers["X-CrisisCenter-Timestamp"] ?? "";
            byte[] message = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. body];
            var signed = HMACSHA256.HashData(secret, message);
            var expected = Encoding.ASCII.GetBytes("v1=" + Convert.ToHexStringLower(signed));
            var given = Encoding.ASCII.GetBytes(context.Request.Headers["X-CrisisCenter-Signature"] ?? "");
            if (CryptographicOperations.FixedTimeEquals(expected, given))
            {
                received.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
                context.Response.StatusCode = 200;
            }
            else
            {
                Interlocked.Increment(ref badSignatures);
                context.Response.StatusCode = 401;
            }
        }

        public ValueTask DisposeAsync() => endpoint.DisposeAsync();
    }
}
