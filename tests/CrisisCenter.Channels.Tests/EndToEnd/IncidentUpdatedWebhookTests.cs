using CrisisCenter.Channels.IncidentUpdates;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Channels.Tests.EndToEnd;

/// <summary>
/// Partners subscribed to <c>incident.updated</c> hear of every change of an incident once, signed like every webhook,
/// retried when they fail, and not again when the app starts over on the same store.
/// </summary>
[Collection(RealApp.Name)]
public sealed class IncidentUpdatedWebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "crisiscenter-channels-tests", Guid.NewGuid().ToString("N"));
    private WebhookReceiver partner = null!;
    private WebhookReceiver statementsOnly = null!;

    public async Task InitializeAsync()
    {
        partner = await WebhookReceiver.StartAsync("incident-partner-secret");
        statementsOnly = await WebhookReceiver.StartAsync("statements-only-secret");
    }

    public async Task DisposeAsync()
    {
        await partner.DisposeAsync();
        await statementsOnly.DisposeAsync();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Channels:Targets:partner:Kind"] = "Webhook",
        ["Channels:Targets:partner:Url"] = partner.Url.ToString(),
        ["Channels:Targets:partner:Secret"] = partner.Secret,
        ["Channels:Targets:partner:Events:0"] = "incident.updated",
        ["Channels:Targets:press-wire:Kind"] = "Webhook",
        ["Channels:Targets:press-wire:Url"] = statementsOnly.Url.ToString(),
        ["Channels:Targets:press-wire:Secret"] = statementsOnly.Secret,
        ["Channels:Targets:press-wire:Events:0"] = "statement.published",
    };

    private async Task<ChannelsApp> StartAsync()
    {
        var app = ChannelsApp.Start(Settings(), dataDirectory);
        await app.Services.GetRequiredService<IncidentUpdateNotifier>().CaughtUp.WaitAsync(Patience);
        return app;
    }

    [Fact(Timeout = 120_000)]
    public async Task every_change_reaches_the_partner_once_signed_and_a_restart_sends_nothing_twice()
    {
        var app = await StartAsync();
        var flood = new Publishing(app.Incidents);
        partner.Fail(new WebhookReceiver.Fault.Status(503, Message: "busy"), new WebhookReceiver.Fault.Status(429, RetryAfterSeconds: 1));

        await flood.DeclareAsync();
        await SendAsync(app, new ChangeIncidentSeverity(flood.IncidentId, Now(), Severity.Severe, "Second mudflow."));
        await SendAsync(app, new StabilizeIncident(flood.IncidentId, Now(), "Water receding."));
        var secret = Guid.NewGuid();
        await SendAsync(app, new DeclareIncident(secret, Now(), "INC-2026-0099", "Restricted matter", "Not for partners.",
            IncidentCategory.Security, Severity.Minor, ["KZ-75"], "MES", [], Visibility.Restricted, [Language.Kk, Language.Ru], false));
        await WaitForAsync(() => partner.Processed.Count >= 3);

        var changes = partner.Processed.Select(p => p.GetProperty("change").GetString()).ToList();
        changes.Should().BeEquivalentTo(["declared", "severity_changed", "stabilized"], "a retried change may arrive after a later one; incident.revision orders them");
        partner.Processed.Should().AllSatisfy(p =>
        {
            p.GetProperty("type").GetString().Should().Be("incident.updated");
            p.GetProperty("incident").GetProperty("id").GetGuid().Should().Be(flood.IncidentId, "a restricted incident is not announced");
            p.GetProperty("id").GetString().Should().Be($"incident:{flood.IncidentId:D}:{p.GetProperty("eventId").GetGuid():D}:partner");
        });
        var byChange = partner.Processed.ToDictionary(p => p.GetProperty("change").GetString()!, p => p.GetProperty("incident"));
        byChange["declared"].GetProperty("severity").GetString().Should().Be("Moderate", "each event shows the incident as it stood right after it");
        byChange["severity_changed"].GetProperty("severity").GetString().Should().Be("Severe");
        byChange["stabilized"].GetProperty("status").GetString().Should().Be("Stabilized");
        byChange["stabilized"].GetProperty("regions").EnumerateArray().Select(r => r.GetString()).Should().Equal("KZ-75", "KZ-19");
        byChange["stabilized"].GetProperty("revision").GetInt64().Should().BeGreaterThan(byChange["severity_changed"].GetProperty("revision").GetInt64());
        partner.BadSignatures.Should().Be(0);
        partner.RequestTimes.Should().HaveCount(5, "the 503 and the 429 were retried");
        var keys = partner.Processed.Select(p => p.GetProperty("id").GetString()!).ToList();

        await app.DisposeAsync();
        app = await StartAsync();
        await SendAsync(app, new CloseIncident(flood.IncidentId, Now(), "All clear."));
        await WaitForAsync(() => partner.Processed.Count >= 4);

        partner.Processed[^1].GetProperty("change").GetString().Should().Be("closed");
        partner.Processed[^1].GetProperty("incident").GetProperty("status").GetString().Should().Be("Closed");
        keys.Should().AllSatisfy(key => partner.ReceivedFor(key).Should().Be(1, "the restarted app found {0} delivered in the store", key));
        partner.Processed.Should().HaveCount(4);
        statementsOnly.Processed.Should().BeEmpty("that partner takes statement events only");
        statementsOnly.RequestTimes.Should().BeEmpty();
        await app.DisposeAsync();
    }

    private static async Task SendAsync(ChannelsApp app, IncidentCommand command)
    {
        var outcome = await app.Incidents.ExecuteAsync(command);
        outcome.Succeeded.Should().BeTrue(outcome.Error?.Message);
    }

    private static CommandContext Now() => new(Guid.NewGuid(), Published.PressOfficer, DateTimeOffset.UtcNow);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The partner did not hear of every change in time.");
            await Task.Delay(50);
        }
    }
}
