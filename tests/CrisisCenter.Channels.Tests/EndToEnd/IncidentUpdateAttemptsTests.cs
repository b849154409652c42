using System.Text.Json;
using CrisisCenter.Channels.IncidentUpdates;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Channels.Tests.EndToEnd;

/// <summary>
/// The failed attempts of an <c>incident.updated</c> change are facts of the partner's stream: an app started again on
/// the same store goes on counting them, keeps the recorded wait, and gives up at <c>MaxAttempts</c>, not later.
/// </summary>
[Collection(RealApp.Name)]
public sealed class IncidentUpdateAttemptsTests : IAsyncLifetime
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "crisiscenter-channels-tests", Guid.NewGuid().ToString("N"));
    private WebhookReceiver partner = null!;

    public async Task InitializeAsync() => partner = await WebhookReceiver.StartAsync("attempts-partner-secret");

    public async Task DisposeAsync() => await partner.DisposeAsync();

    private async Task<ChannelsApp> StartAsync()
    {
        var app = ChannelsApp.Start(new Dictionary<string, string?>
        {
            ["Channels:Targets:partner:Kind"] = "Webhook",
            ["Channels:Targets:partner:Url"] = partner.Url.ToString(),
            ["Channels:Targets:partner:Secret"] = partner.Secret,
            ["Channels:Targets:partner:Events:0"] = "incident.updated",
            ["Channels:Dispatch:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, dataDirectory);
        await app.Services.GetRequiredService<IncidentUpdateNotifier>().CaughtUp.WaitAsync(Patience);
        return app;
    }

    [Fact(Timeout = 120_000)]
    public async Task attempts_go_on_counting_after_a_restart_and_the_change_is_abandoned_at_max_attempts()
    {
        // Two quick failures, then a 429 asking for a few seconds: the app is stopped during that wait. Every later
        // request fails too, so an attempt count that started over would show as more requests than MaxAttempts.
        partner.Fail(new WebhookReceiver.Fault.Status(503, Message: "busy"), new WebhookReceiver.Fault.Status(503, Message: "busy"),
            new WebhookReceiver.Fault.Status(429, RetryAfterSeconds: 6, Message: "slow down"));
        partner.Fail([.. Enumerable.Range(0, 10).Select(_ => new WebhookReceiver.Fault.Status(503, Message: "still busy"))]);

        var app = await StartAsync();
        var flood = new Publishing(app.Incidents);
        await flood.DeclareAsync();
        var before = await WaitForFactsAsync(app, facts => facts.OfType<PartnerUpdateFailed>().Count() >= 3);
        await app.DisposeAsync();

        before.OfType<PartnerUpdateFailed>().Select(f => f.Attempt).Should().Equal(1, 2, 3);
        partner.RequestTimes.Should().HaveCount(3, "the app was stopped while it waited out the 429");
        var third = before.OfType<PartnerUpdateFailed>().Last();
        third.NextAttemptAt.Should().BeOnOrAfter(third.At.AddSeconds(6), "the partner's Retry-After is the wait");

        app = await StartAsync();
        var after = await WaitForFactsAsync(app, facts => facts.OfType<PartnerUpdateAbandoned>().Any());
        await app.DisposeAsync();

        var abandoned = after.OfType<PartnerUpdateAbandoned>().Single();
        abandoned.Key.Should().Be(third.Key);
        abandoned.Attempts.Should().Be(MaxAttempts, "attempt 4 was the first after the restart, not attempt 1");
        abandoned.Error.Should().Be($"Gave up after {MaxAttempts} attempts: HTTP 503 Service Unavailable: still busy");
        after.OfType<PartnerUpdateFailed>().Select(f => f.Attempt).Should().Equal(1, 2, 3);
        after.OfType<PartnerUpdateDelivered>().Should().BeEmpty();
        partner.RequestTimes.Should().HaveCount(MaxAttempts, "the change was given up at the limit, counting the attempts before the restart");
        partner.RequestTimes[^1].Should().BeOnOrAfter(third.NextAttemptAt.AddMilliseconds(-50), "the restarted sender kept the recorded wait");
        partner.Processed.Should().BeEmpty();
    }

    private static async Task<IReadOnlyList<PartnerUpdateEvent>> WaitForFactsAsync(ChannelsApp app, Func<IReadOnlyList<PartnerUpdateEvent>, bool> condition)
    {
        var store = app.Services.GetRequiredService<IEventStore>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var facts = new List<PartnerUpdateEvent>();
            await foreach (var recorded in store.ReadStreamAsync(PartnerUpdateStreams.For("partner")))
                facts.Add((PartnerUpdateEvent)JsonSerializer.Deserialize(recorded.Data.Span, PartnerUpdateStreams.TypesByName[recorded.Type], DomainJson.Options)!);
            if (condition(facts)) return facts;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The partner's stream holds only: {string.Join(", ", facts)}");
            await Task.Delay(50);
        }
    }
}
