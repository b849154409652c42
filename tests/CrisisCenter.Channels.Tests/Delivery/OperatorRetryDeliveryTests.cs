using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.Domain;
using static CrisisCenter.Channels.Tests.StandIns.WebhookReceiver;

namespace CrisisCenter.Channels.Tests.Delivery;

/// <summary>An operator's retry of an abandoned post gives it a new round of attempts; attempt numbers go on.</summary>
public sealed class OperatorRetryDeliveryTests : IAsyncLifetime
{
    private const string Channel = "partner-akimat";
    private WebhookReceiver receiver = null!;
    private DeliveryHarness harness = null!;
    private Published incident = null!;
    private ChannelPostScheduled kk = null!;

    public async Task InitializeAsync()
    {
        receiver = await StartAsync();
        harness = new DeliveryHarness(options => options.Targets[Channel] = new ChannelTarget { Kind = ChannelKind.Webhook, Url = receiver.Url, Secret = receiver.Secret });
        incident = new Published();
        kk = incident.PostsOf(incident.Statement([Channel])).Single(p => p.Language == Language.Kk);
        harness.Incidents.Seed(incident.Events);
    }

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task a_retried_post_gets_a_new_round_of_attempts_and_is_delivered()
    {
        receiver.Fail(Enumerable.Repeat<Fault>(new Fault.Status(502), 6).ToArray());
        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Abandoned");

        var retried = await harness.Incidents.ExecuteAsync(new RetryChannelPost(incident.IncidentId,
            new CommandContext(Guid.NewGuid(), Published.PressOfficer, DateTimeOffset.UtcNow), kk.PostId, "Partner is back."));
        retried.Succeeded.Should().BeTrue();
        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Select(f => f.Attempt).Should().Equal(1, 2, 3, 5, 6);
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(7);
        receiver.Processed.Should().HaveCount(1);
    }

    [Fact]
    public async Task a_retried_post_that_keeps_failing_is_abandoned_after_another_full_round()
    {
        receiver.Fail(Enumerable.Repeat<Fault>(new Fault.Status(503), 8).ToArray());
        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Abandoned");
        await harness.Incidents.ExecuteAsync(new RetryChannelPost(incident.IncidentId,
            new CommandContext(Guid.NewGuid(), Published.PressOfficer, DateTimeOffset.UtcNow), kk.PostId));

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Abandoned");

        var abandoned = harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId);
        abandoned.Select(a => a.Attempts).Should().Equal(4, 8);
        abandoned[1].Error.Should().StartWith("Gave up after 4 attempts");
    }
}
