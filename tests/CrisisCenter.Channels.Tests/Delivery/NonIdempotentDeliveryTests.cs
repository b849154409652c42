using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.Delivery;

/// <summary>
/// A channel that cannot drop duplicates (as Telegram and e-mail): a send whose outcome is unknown is never made
/// again by the platform. The adapter here counts the messages that really went out.
/// </summary>
public sealed class NonIdempotentDeliveryTests
{
    private readonly CountingAdapter channel = new();
    private readonly DeliveryHarness harness;
    private readonly Published incident = new();
    private readonly ChannelPostScheduled post;

    public NonIdempotentDeliveryTests()
    {
        harness = new DeliveryHarness(
            options => options.Targets["telegram"] = new ChannelTarget { Kind = ChannelKind.Telegram },
            new Dictionary<ChannelKind, IChannelAdapter> { [ChannelKind.Telegram] = channel });
        channel.Incidents = harness.Incidents;
        var statement = incident.Statement(["telegram"]);
        post = incident.PostsOf(statement)[0];
        harness.Incidents.Seed(incident.Events);
    }

    [Fact]
    public async Task the_send_is_recorded_as_sending_before_it_is_made()
    {
        channel.Results.Enqueue(DeliveryResult.Delivered("1001"));

        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Delivered");

        var events = harness.Incidents.EventsOf(incident.IncidentId).OfType<IncidentEvent>().Where(e => e is ChannelPostSending or ChannelPostDelivered).ToList();
        events.Select(e => e.GetType().Name).Should().Equal(nameof(ChannelPostSending), nameof(ChannelPostDelivered));
        channel.SendingRecordedBeforeSend.Should().Equal(true);
    }

    [Fact]
    public async Task a_crash_between_sending_and_recording_makes_the_post_uncertain_not_sent_twice()
    {
        channel.Results.Enqueue(DeliveryResult.Delivered("1001"));
        harness.Incidents.CrashBefore(command => command is RecordChannelPostDelivered);
        var crashed = () => harness.DeliverAsync(incident, post.PostId);
        await crashed.Should().ThrowAsync<SimulatedCrash>();

        var after = await harness.DeliverAsync(incident, post.PostId);

        after.Outcome.Should().Be("Uncertain");
        channel.Sent.Should().Be(1);
        var uncertain = harness.Incidents.EventsOf<ChannelPostUncertain>(incident.IncidentId).Single();
        uncertain.Attempt.Should().Be(1);
        uncertain.Note.Should().Contain("interrupted");
        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Uncertain");
        channel.Sent.Should().Be(1, "an uncertain post waits for an operator");
    }

    [Fact]
    public async Task a_timeout_may_have_sent_so_the_post_becomes_uncertain_instead_of_retrying()
    {
        channel.Results.Enqueue(DeliveryResult.Interrupted("No answer"));

        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Uncertain");

        channel.Sent.Should().Be(1);
        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Should().BeEmpty();
    }

    [Fact]
    public async Task a_refusal_that_sent_nothing_is_retried()
    {
        channel.Results.Enqueue(DeliveryResult.Transient("HTTP 429", TimeSpan.FromMilliseconds(50)));
        channel.Results.Enqueue(DeliveryResult.Delivered("1002"));

        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Delivered");

        harness.Incidents.EventsOf<ChannelPostSending>(incident.IncidentId).Select(e => e.Attempt).Should().Equal(1, 2);
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(2);
    }

    [Fact]
    public async Task after_an_operator_re_sends_an_uncertain_post_it_goes_out_again()
    {
        channel.Results.Enqueue(DeliveryResult.Interrupted("No answer"));
        await harness.DeliverAsync(incident, post.PostId);
        var retried = await harness.Incidents.ExecuteAsync(new RetryChannelPost(incident.IncidentId, Published.By(Published.PressOfficer, 60), post.PostId, "Not in the channel"));
        retried.Succeeded.Should().BeTrue();
        channel.Results.Enqueue(DeliveryResult.Delivered("1003"));

        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Delivered");

        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(2);
    }

    private sealed class CountingAdapter : IChannelAdapter
    {
        public InMemoryIncidents? Incidents { get; set; }
        public Queue<DeliveryResult> Results { get; } = new();
        public int Sent { get; private set; }
        public List<bool> SendingRecordedBeforeSend { get; } = [];
        public bool IsIdempotent => false;

        public Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
        {
            if (Incidents is not null)
                SendingRecordedBeforeSend.Add(Incidents.Post(message.Incident.Id, message.Post.Id).Status == ChannelPostStatus.Sending);
            Sent++;
            return Task.FromResult(Results.Dequeue());
        }
    }
}
