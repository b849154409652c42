using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Email;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer.Protocol;

namespace CrisisCenter.Channels.Tests.Email;

/// <summary>
/// Press releases by e-mail to a newsroom's SMTP server on loopback: the real adapter (MailKit) through the real
/// delivery with retries, judged by what the server received and what the incident recorded.
/// </summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private const string Channel = "media-email";
    private static readonly string[] KazakhList = ["desk@kazinform.kz", "news@khabar.kz"];
    private static readonly string[] RussianList = ["editor@tengrinews.kz"];

    private MediaMailServer mail = null!;
    private DeliveryHarness harness = null!;
    private Publishing publishing = null!;

    public async Task InitializeAsync()
    {
        mail = await MediaMailServer.StartAsync();
        harness = Harness(mail.Port);
        publishing = new Publishing(harness.Incidents);
        await publishing.DeclareAsync();
    }

    public async Task DisposeAsync() => await mail.DisposeAsync();

    private static DeliveryHarness Harness(int port) => new(
        options => options.Targets[Channel] = new ChannelTarget
        {
            Kind = ChannelKind.Email,
            SmtpHost = "127.0.0.1",
            SmtpPort = port,
            SmtpSecurity = "None",
            From = "Пресс-служба МЧС <press@mchs.gov.kz>",
            Recipients = new(StringComparer.OrdinalIgnoreCase) { ["kk"] = KazakhList, ["ru"] = RussianList },
        },
        new Dictionary<ChannelKind, IChannelAdapter> { [ChannelKind.Email] = new EmailAdapter(TimeProvider.System, NullLogger<EmailAdapter>.Instance) });

    private async Task<IReadOnlyList<ChannelPostState>> DeliverAllAsync(Guid statementId)
    {
        var state = await publishing.StateAsync();
        foreach (var post in state.ChannelPosts.Values.Where(p => p.StatementId == statementId).OrderBy(p => p.Language))
            await harness.Delivery.DeliverAsync(publishing.IncidentId, post.Id).WaitAsync(TimeSpan.FromSeconds(30));
        return [.. (await publishing.StateAsync()).ChannelPosts.Values.Where(p => p.StatementId == statementId).OrderBy(p => p.Language)];
    }

    private static ChannelPostState Russian(IEnumerable<ChannelPostState> posts, ChannelPostAction action = ChannelPostAction.Publish) =>
        posts.Single(p => p.Language == Language.Ru && p.Action == action);

    [Fact]
    public async Task each_language_goes_to_its_own_media_list_with_the_text_encoded_for_html()
    {
        var statement = await publishing.PublishAsync([Channel]);

        var posts = await DeliverAllAsync(statement);

        posts.Should().HaveCount(2).And.OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        mail.Messages.Should().HaveCount(2);
        var russian = mail.Messages.Single(m => m.Language == "ru");
        russian.EnvelopeRecipients.Should().BeEquivalentTo(RussianList.Append("press@mchs.gov.kz"), "the press service keeps its own copy");
        russian.EnvelopeFrom.Should().Be("press@mchs.gov.kz");
        russian.Message.Subject.Should().Be("INC-2026-0042: Паводок: паводок в Алматы");
        russian.Message.Headers.Contains(HeaderId.Bcc).Should().BeFalse("the media list is not disclosed to its members");
        russian.Message.To.Mailboxes.Select(m => m.Address).Should().Equal("press@mchs.gov.kz");
        russian.Text.Should().Contain("Спасатели работают в пострадавших районах <b>&</b> \"центре\".")
            .And.Contain("Что делать: Держитесь подальше от берегов рек.");
        russian.Html.Should().Contain("&lt;b&gt;&amp;&lt;/b&gt;").And.NotContain("<b>&</b>");
        russian.Message.Headers[PressReleaseEmail.IdempotencyKeyHeader].Should().Be(Russian(posts).IdempotencyKey);
        russian.Message.MessageId.Should().Be(Russian(posts).ExternalId, "the recorded external id is the release's Message-Id");

        var kazakh = mail.Messages.Single(m => m.Language == "kk");
        kazakh.EnvelopeRecipients.Should().BeEquivalentTo(KazakhList.Append("press@mchs.gov.kz"));
        kazakh.Message.Subject.Should().Be("INC-2026-0042: Паводок: Алматыдағы су тасқыны");
    }

    [Fact]
    public async Task a_correction_and_a_retraction_refer_to_the_original_release()
    {
        var original = await publishing.PublishAsync([Channel]);
        var originalPosts = await DeliverAllAsync(original);
        var correction = await publishing.PublishAsync([Channel], StatementKind.Correction, original, "Уточнение");
        var correctionPosts = await DeliverAllAsync(correction);
        var retraction = await publishing.PublishAsync([Channel], StatementKind.Retraction, original, "Отзыв");
        var retractionPosts = await DeliverAllAsync(retraction);

        correctionPosts.Concat(retractionPosts).Should().OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        var originalId = Russian(originalPosts).ExternalId;
        var corrected = mail.Messages.Single(m => m.Message.MessageId == Russian(correctionPosts, ChannelPostAction.Correct).ExternalId);
        corrected.Message.InReplyTo.Should().Be(originalId);
        corrected.Message.References.Should().Equal(originalId);
        corrected.Message.Subject.Should().Be("[Исправлено] INC-2026-0042: Уточнение: паводок в Алматы");
        corrected.Text.Should().StartWith("Это сообщение исправляет заявление «Паводок: паводок в Алматы».");

        var retracted = mail.Messages.Single(m => m.Message.MessageId == Russian(retractionPosts, ChannelPostAction.Retract).ExternalId);
        retracted.Message.InReplyTo.Should().Be(originalId);
        retracted.Message.Subject.Should().Be("[Отозвано] INC-2026-0042: Паводок: паводок в Алматы");
        retracted.Text.Should().StartWith("Это заявление отозвано");
        mail.Messages.Should().HaveCount(6, "each language of the original, the correction and the retraction is one mail: an amendment is not mailed twice");
        Russian(correctionPosts).ExternalId.Should().Be(corrected.Message.MessageId, "the correction's publish post is carried by its amendment mail");
    }

    [Fact]
    public async Task a_busy_server_is_tried_again_and_the_release_goes_out_once()
    {
        mail.Fail(new MediaMailServer.Fault.Reply((SmtpReplyCode)451, "Requested action aborted: try again later"));
        var statement = await publishing.PublishAsync([Channel]);

        var posts = await DeliverAllAsync(statement);

        posts.Should().OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        mail.Messages.Should().HaveCount(2);
        mail.Transactions.Should().Be(3);
        harness.Incidents.EventsOf<ChannelPostFailed>(publishing.IncidentId).Single().Error.Should().Contain("451");
    }

    [Fact]
    public async Task a_permanent_refusal_abandons_the_post_with_the_servers_words()
    {
        mail.Fail(new MediaMailServer.Fault.Reply(SmtpReplyCode.TransactionFailed, "Message rejected as spam"));
        mail.Fail(new MediaMailServer.Fault.Reply(SmtpReplyCode.TransactionFailed, "Message rejected as spam"));
        var statement = await publishing.PublishAsync([Channel]);

        var posts = await DeliverAllAsync(statement);

        posts.Should().OnlyContain(p => p.Status == ChannelPostStatus.Abandoned && p.LastError!.Contains("Message rejected as spam") && p.LastError.Contains("554"));
        mail.Messages.Should().BeEmpty();
        mail.Transactions.Should().Be(2, "a permanent refusal is not retried");
    }

    [Fact]
    public async Task an_unknown_address_in_a_media_list_does_not_hold_back_the_others()
    {
        mail.UnknownMailboxes.Add("news@khabar.kz");
        var statement = await publishing.PublishAsync([Channel]);

        var posts = await DeliverAllAsync(statement);

        posts.Should().OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        mail.Messages.Single(m => m.Language == "kk").EnvelopeRecipients.Should().BeEquivalentTo(["press@mchs.gov.kz", "desk@kazinform.kz"]);
    }

    [Fact]
    public async Task a_release_whose_acceptance_never_arrived_becomes_uncertain_and_is_not_sent_again()
    {
        harness.Options.Dispatch.AttemptTimeout = TimeSpan.FromSeconds(1);
        mail.Fail(new MediaMailServer.Fault.AcceptSilently(TimeSpan.FromSeconds(10)));
        var statement = await publishing.PublishAsync([Channel]);
        var post = (await publishing.StateAsync()).ChannelPosts.Values.Single(p => p.StatementId == statement && p.Language == Language.Kk);

        await harness.Delivery.DeliverAsync(publishing.IncidentId, post.Id).WaitAsync(TimeSpan.FromSeconds(30));
        await harness.Delivery.DeliverAsync(publishing.IncidentId, post.Id).WaitAsync(TimeSpan.FromSeconds(30));

        harness.Incidents.Post(publishing.IncidentId, post.Id).Status.Should().Be(ChannelPostStatus.Uncertain);
        mail.Transactions.Should().Be(1, "an uncertain release waits for an operator instead of going out twice");
        mail.Messages.Should().ContainSingle("the server did take it: this is exactly the case operators must check");

        // The operator checked with the newsroom: it arrived.
        var confirmed = await harness.Incidents.ExecuteAsync(new ConfirmChannelPostDelivered(
            publishing.IncidentId, new CommandContext(Guid.NewGuid(), Published.PressOfficer, DateTimeOffset.UtcNow), post.Id, mail.Messages[0].Message.MessageId, null, "Confirmed by the Kazinform desk"));
        confirmed.Succeeded.Should().BeTrue(confirmed.Error?.ToString());
        harness.Incidents.Post(publishing.IncidentId, post.Id).Status.Should().Be(ChannelPostStatus.Delivered);
    }

    [Fact]
    public async Task an_unreachable_server_is_retried_then_abandoned_without_anything_sent()
    {
        var unreachable = Harness(port: FreePortWithNothingListening());
        var elsewhere = new Publishing(unreachable.Incidents);
        await elsewhere.DeclareAsync();
        var statement = await elsewhere.PublishAsync([Channel]);
        var post = (await elsewhere.StateAsync()).ChannelPosts.Values.First(p => p.StatementId == statement);

        await unreachable.Delivery.DeliverAsync(elsewhere.IncidentId, post.Id).WaitAsync(TimeSpan.FromSeconds(30));

        var state = unreachable.Incidents.Post(elsewhere.IncidentId, post.Id);
        state.Status.Should().Be(ChannelPostStatus.Abandoned);
        state.LastError.Should().StartWith($"Gave up after {unreachable.Options.Dispatch.MaxAttempts} attempts").And.Contain("could not be reached");
        unreachable.Incidents.EventsOf<ChannelPostUncertain>(elsewhere.IncidentId).Should().BeEmpty("a refused connection sent nothing");
    }

    [Fact]
    public void an_incomplete_email_channel_is_refused_at_start()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Targets:media:Kind"] = "Email",
            ["Channels:Targets:media:SmtpHost"] = "smtp.mchs.gov.kz",
            ["Channels:Targets:media:From"] = "not an address",
        }).Build();
        services.AddCrisisCenterChannels(configuration);
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<ChannelsOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().WithMessage("*e-mail channel*From address*");
    }

    private static int FreePortWithNothingListening()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
