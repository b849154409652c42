using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.Domain;
using static CrisisCenter.Channels.Tests.StandIns.WebhookReceiver;

namespace CrisisCenter.Channels.Tests.Delivery;

public sealed class WebhookDeliveryTests : IAsyncLifetime
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
        var statement = incident.Statement([Channel]);
        kk = incident.PostsOf(statement).Single(p => p.Language == Language.Kk);
        harness.Incidents.Seed(incident.Events);
    }

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task a_partner_receives_a_signed_event_with_the_posts_idempotency_key()
    {
        var run = await harness.DeliverAsync(incident, kk.PostId);

        run.Outcome.Should().Be("Delivered");
        receiver.BadSignatures.Should().Be(0);
        receiver.ReceivedFor(kk.IdempotencyKey).Should().Be(1);
        var payload = receiver.Processed.Single();
        payload.GetProperty("id").GetString().Should().Be(kk.IdempotencyKey);
        payload.GetProperty("type").GetString().Should().Be("statement.published");
        payload.GetProperty("statement").GetProperty("language").GetString().Should().Be("kk");
        payload.GetProperty("statement").GetProperty("headline").GetString().Should().Contain("су тасқыны");
        payload.GetProperty("incident").GetProperty("code").GetString().Should().Be("INC-2026-0042");
        var delivered = harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single();
        delivered.Attempt.Should().Be(1);
        delivered.By.Should().Be(Actor.SystemUserId);
    }

    [Fact]
    public async Task server_errors_are_retried_with_backoff_until_delivered()
    {
        receiver.Fail(new Fault.Status(500), new Fault.Status(503));

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        var failed = harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId);
        failed.Select(f => f.Attempt).Should().Equal(1, 2);
        failed.Should().AllSatisfy(f => f.NextRetryAt.Should().BeAfter(f.At));
        failed[0].Error.Should().StartWith("HTTP 500");
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(3);
        receiver.ReceivedFor(kk.IdempotencyKey).Should().Be(1, "failed requests were answered before processing");
    }

    [Fact]
    public async Task too_many_requests_is_retried_after_the_time_the_partner_asks_for()
    {
        receiver.Fail(new Fault.Status(429, RetryAfterSeconds: 1, "slow down"));

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        var failed = harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Single();
        (failed.NextRetryAt!.Value - failed.At).Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250));
        var times = receiver.RequestTimes;
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task a_timed_out_send_is_made_again_and_the_partner_processes_it_once()
    {
        harness.Options.Dispatch.AttemptTimeout = TimeSpan.FromSeconds(3);
        receiver.Fail(new Fault.ProcessThenHang(TimeSpan.FromSeconds(10)));

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        receiver.ReceivedFor(kk.IdempotencyKey).Should().Be(2, "the first request timed out after the partner had processed it");
        receiver.Processed.Should().HaveCount(1);
        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Single().Error.Should().Contain("No answer from the channel within 3 s");
    }

    [Fact]
    public async Task a_reset_connection_is_retried()
    {
        receiver.Fail(new Fault.Reset());

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Should().ContainSingle();
        receiver.Processed.Should().HaveCount(1);
    }

    [Fact]
    public async Task a_client_error_is_permanent_and_abandons_the_post_with_the_partners_message()
    {
        receiver.Fail(new Fault.Status(422, Message: "unknown region code"));

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Abandoned");

        var abandoned = harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single();
        abandoned.Attempts.Should().Be(1);
        abandoned.Error.Should().Contain("422").And.Contain("unknown region code");
        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Should().BeEmpty();
    }

    [Fact]
    public async Task a_post_is_abandoned_after_the_configured_attempts()
    {
        receiver.Fail(Enumerable.Repeat<Fault>(new Fault.Status(502), 10).ToArray());

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Abandoned");

        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Select(f => f.Attempt).Should().Equal(1, 2, 3);
        var abandoned = harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single();
        abandoned.Attempts.Should().Be(4);
        abandoned.Error.Should().Contain("Gave up after 4 attempts").And.Contain("502");
        harness.Incidents.Post(incident.IncidentId, kk.PostId).AwaitsOperator.Should().BeTrue();
    }

    [Fact]
    public async Task a_crash_between_sending_and_recording_re_sends_and_the_partner_processes_once()
    {
        harness.Incidents.CrashBefore(command => command is RecordChannelPostDelivered);
        var crashed = () => harness.DeliverAsync(incident, kk.PostId);
        await crashed.Should().ThrowAsync<SimulatedCrash>();
        harness.Incidents.Post(incident.IncidentId, kk.PostId).Status.Should().Be(ChannelPostStatus.Scheduled);

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        receiver.ReceivedFor(kk.IdempotencyKey).Should().Be(2);
        receiver.Processed.Should().HaveCount(1);
    }

    [Fact]
    public async Task a_long_retry_after_ends_the_run_and_the_post_waits_in_the_store()
    {
        harness.Options.Dispatch.MaxInProcessWait = TimeSpan.FromMilliseconds(100);
        receiver.Fail(new Fault.Status(429, RetryAfterSeconds: 1));

        var first = await harness.DeliverAsync(incident, kk.PostId);

        first.Outcome.Should().Be("Failed");
        first.ComeBackAt.Should().NotBeNull();
        harness.Incidents.Post(incident.IncidentId, kk.PostId).NextRetryAt.Should().Be(first.ComeBackAt);
        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("not-due", "the retry time has not come yet");

        var later = await harness.DeliverAsync(incident, kk.PostId);
        for (var tries = 0; later.Outcome == "not-due" && tries < 100; tries++)
        {
            await Task.Delay(50);
            later = await harness.DeliverAsync(incident, kk.PostId);
        }

        later.Outcome.Should().Be("Delivered");
        receiver.RequestTimes[1].Should().BeOnOrAfter(first.ComeBackAt!.Value.AddMilliseconds(-20));
        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Select(f => f.Error).Should().ContainSingle();
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(2);
    }

    [Fact]
    public async Task a_post_for_a_channel_nobody_configured_is_abandoned_with_a_clear_message()
    {
        var other = new Published();
        var statement = other.Statement(["nowhere"]);
        harness.Incidents.Seed(other.Events);
        var post = other.PostsOf(statement)[0];

        (await harness.DeliverAsync(other, post.PostId)).Outcome.Should().Be("Abandoned");

        harness.Incidents.EventsOf<ChannelPostAbandoned>(other.IncidentId).Single().Error.Should().Be("Channel 'nowhere' is not configured.");
    }

    [Fact]
    public async Task a_delivered_post_is_not_sent_again()
    {
        await harness.DeliverAsync(incident, kk.PostId);

        (await harness.DeliverAsync(incident, kk.PostId)).Outcome.Should().Be("Delivered");

        receiver.ReceivedFor(kk.IdempotencyKey).Should().Be(1);
    }

    // An operator's retry of an abandoned post gives it a new round of attempts; attempt numbers go on.
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
