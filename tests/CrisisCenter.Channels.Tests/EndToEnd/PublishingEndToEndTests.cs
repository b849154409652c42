using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.EndToEnd;

[Collection(RealApp.Name)]
public sealed class PublishingEndToEndTests : IAsyncLifetime
{
    private static readonly TelegramBotApi.Chat TelegramKk = new(-1001000000011, "ТЖМ", "tjm_kk");
    private static readonly TelegramBotApi.Chat TelegramRu = new(-1001000000012, "МЧС");
    private WebhookReceiver partner = null!;
    private TelegramBotApi telegram = null!;
    private MediaMailServer mail = null!;
    private ChannelsApp app = null!;

    public async Task InitializeAsync()
    {
        partner = await WebhookReceiver.StartAsync();
        telegram = await TelegramBotApi.StartAsync(TelegramKk, TelegramRu);
        mail = await MediaMailServer.StartAsync();
        app = ChannelsApp.Start(Settings());
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await partner.DisposeAsync();
        await telegram.DisposeAsync();
        await mail.DisposeAsync();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Channels:Targets:media:Kind"] = "Email",
        ["Channels:Targets:media:SmtpHost"] = "127.0.0.1",
        ["Channels:Targets:media:SmtpPort"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels:Targets:media:SmtpSecurity"] = "None",
        ["Channels:Targets:media:From"] = "press@mchs.gov.kz",
        ["Channels:Targets:media:Recipients:kk:0"] = "desk@kazinform.kz",
        ["Channels:Targets:media:Recipients:ru:0"] = "editor@tengrinews.kz",
        ["Channels:Targets:website:Kind"] = "Feed",
        ["Channels:Targets:cap:Kind"] = "Cap",
        ["Channels:Targets:partner:Kind"] = "Webhook",
        ["Channels:Targets:partner:Url"] = partner.Url.ToString(),
        ["Channels:Targets:partner:Secret"] = partner.Secret,
        ["Channels:Targets:telegram:Kind"] = "Telegram",
        ["Channels:Targets:telegram:BotToken"] = TelegramBotApi.Token,
        ["Channels:Targets:telegram:ApiBaseUrl"] = telegram.BaseUrl.ToString(),
        ["Channels:Targets:telegram:Chats:kk"] = "@tjm_kk",
        ["Channels:Targets:telegram:Chats:ru"] = TelegramRu.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Statements only: incident.updated has its own tests (IncidentUpdatedWebhookTests).
        ["Channels:Targets:partner:Events:0"] = "statement.published",
    };

    private async Task<SyndicationFeed> FeedAsync(HttpClient client, string path)
    {
        using var reader = XmlReader.Create(await client.GetStreamAsync(path));
        return SyndicationFeed.Load(reader);
    }

    [Fact(Timeout = 90_000)]
    public async Task a_statement_reaches_every_channel_and_its_correction_and_retraction_follow()
    {
        var publishing = new Publishing(app.Incidents);
        await publishing.DeclareAsync();
        partner.Fail(new WebhookReceiver.Fault.Status(503), new WebhookReceiver.Fault.Status(429, RetryAfterSeconds: 1));

        var original = await publishing.PublishAsync(["website", "cap", "partner", "media", "telegram"]);
        var posts = await publishing.SettledPostsAsync(original);

        posts.Should().HaveCount(10).And.OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        telegram.MessagesIn(TelegramKk.Id).Should().ContainSingle().Which.Text.Should().StartWith("Паводок: Алматыдағы су тасқыны");
        telegram.MessagesIn(TelegramRu.Id).Should().ContainSingle().Which.Text.Should().Contain("Спасатели работают в пострадавших районах <b>&</b> \"центре\".");
        partner.Processed.Select(p => p.GetProperty("statement").GetProperty("language").GetString()).Should().BeEquivalentTo(["kk", "ru"]);
        partner.BadSignatures.Should().Be(0);

        using var client = app.Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        SyndicationFeed rss;
        while ((rss = await FeedAsync(client, "/feeds/ru/rss.xml")).Items.Count() == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        rss.Items.Single().Title.Text.Should().Be("Паводок: паводок в Алматы");

        // Caching: the same content answers 304 to its ETag.
        var first = await client.GetAsync("/feeds/ru/atom.xml");
        first.Headers.ETag.Should().NotBeNull();
        first.Content.Headers.LastModified.Should().NotBeNull();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/feeds/ru/atom.xml");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        (await client.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await client.GetAsync($"/public/ru/statements/{original:D}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var cap = XDocument.Parse(await client.GetStringAsync($"/cap/messages/{original:D}.xml"));
        cap.Root!.Element(XName.Get("msgType", "urn:oasis:names:tc:emergency:cap:1.2"))!.Value.Should().Be("Alert");

        var correction = await publishing.PublishAsync(["website", "cap", "partner", "media"], StatementKind.Correction, original, "Уточнение");
        var correctionPosts = await publishing.SettledPostsAsync(correction);
        correctionPosts.Should().OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        var originalRelease = posts.Single(p => p.Channel == "media" && p.Language == Language.Ru).ExternalId;
        mail.Messages.Should().HaveCount(4, "the original and its correction, in Kazakh and Russian, one mail each");
        mail.Messages.Single(m => m.Language == "ru" && m.Message.InReplyTo == originalRelease).Message.Subject.Should().StartWith("[Исправлено]");
        partner.Processed.Count(p => p.GetProperty("type").GetString() == "statement.corrected").Should().Be(2);

        deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage after;
        while ((after = await client.SendAsync(Conditional(first))).StatusCode == HttpStatusCode.NotModified && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the feed changed, so its old ETag no longer matches");
        var atom = await FeedAsync(client, "/feeds/ru/atom.xml");
        atom.Items.Single(i => i.Id.Contains(original.ToString("D"))).Title.Text.Should().StartWith("[Исправлено]");
        var update = XDocument.Parse(await client.GetStringAsync($"/cap/messages/{correction:D}.xml"));
        update.Root!.Element(XName.Get("msgType", "urn:oasis:names:tc:emergency:cap:1.2"))!.Value.Should().Be("Update");

        partner.ReceivedFor(posts.First(p => p.Channel == "partner").IdempotencyKey).Should().Be(1);
        // Telegram: the correction followed the original there although it was published to the other channels only.
        var correctedRu = telegram.MessagesIn(TelegramRu.Id);
        correctedRu.Should().HaveCount(2);
        correctedRu[0].Text.Should().StartWith("✏️ [Исправлено]\n\nУточнение: паводок в Алматы");
        correctedRu[1].ReplyTo.Should().Be(correctedRu[0].Id);

        var retraction = await publishing.PublishAsync(["website", "cap", "partner"], StatementKind.Retraction, original, "Отзыв");
        (await publishing.SettledPostsAsync(retraction)).Should().OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        partner.Processed.Count(p => p.GetProperty("type").GetString() == "statement.retracted").Should().Be(2);
        var cancel = XDocument.Parse(await client.GetStringAsync($"/cap/messages/{retraction:D}.xml"));
        cancel.Root!.Element(XName.Get("msgType", "urn:oasis:names:tc:emergency:cap:1.2"))!.Value.Should().Be("Cancel");

        // Final Telegram state per language: the original message now carries the retraction notice (its text is
        // gone), edited twice; the correction's reply stays under it; nothing else was posted.
        foreach (var (chat, label) in new[] { (TelegramKk, "[Кері қайтарылды]"), (TelegramRu, "[Отозвано]") })
        {
            var messages = telegram.MessagesIn(chat.Id);
            messages.Should().HaveCount(2);
            messages[0].Text.Should().StartWith(label).And.Contain("Отзыв:").And.NotContain("Уточнение").And.NotContain("Паводок:");
            messages[0].History.Should().HaveCount(2);
            messages[1].ReplyTo.Should().Be(messages[0].Id);
        }

        telegram.RefusedTexts.Should().Be(0);
        telegram.Requests.Count(r => r.Method == "sendMessage").Should().Be(4, "one message and one correction reply per language");
    }

    private static HttpRequestMessage Conditional(HttpResponseMessage earlier)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/ru/atom.xml");
        request.Headers.IfNoneMatch.Add(earlier.Headers.ETag!);
        return request;
    }

    [Fact(Timeout = 90_000)]
    public async Task a_scheduled_statement_goes_out_at_its_time_even_across_a_restart()
    {
        var publishing = new Publishing(app.Incidents);
        await publishing.DeclareAsync();
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(4);
        var id = await publishing.PublishAsync(["partner"], notBefore: notBefore);
        await Task.Delay(500);
        (await publishing.StateAsync()).ChannelPosts.Values.Should().OnlyContain(p => p.Status == ChannelPostStatus.Scheduled);
        partner.Processed.Should().BeEmpty();

        var dataDirectory = app.DataDirectory;
        await app.DisposeAsync();
        app = ChannelsApp.Start(Settings(), dataDirectory);

        var restarted = new PublishingOf(app, publishing.IncidentId);
        var posts = await restarted.SettledPostsAsync(id);
        posts.Should().OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        partner.RequestTimes.Should().OnlyContain(t => t >= notBefore.AddMilliseconds(-50), "nothing goes out before its time");
        partner.Processed.Should().HaveCount(2);
    }

    [Fact(Timeout = 90_000)]
    public async Task a_partner_refusing_with_a_client_error_leaves_an_abandoned_post_for_operators()
    {
        var publishing = new Publishing(app.Incidents);
        await publishing.DeclareAsync();
        partner.Fail(new WebhookReceiver.Fault.Status(410, Message: "subscription cancelled"), new WebhookReceiver.Fault.Status(410, Message: "subscription cancelled"));

        var id = await publishing.PublishAsync(["partner"]);
        var posts = await publishing.SettledPostsAsync(id);

        posts.Should().OnlyContain(p => p.Status == ChannelPostStatus.Abandoned && p.LastError!.Contains("subscription cancelled"));
    }

    private sealed class PublishingOf(ChannelsApp app, Guid incidentId)
    {
        public async Task<IReadOnlyList<ChannelPostState>> SettledPostsAsync(Guid statementId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var state = await app.Incidents.GetAsync(incidentId);
                var posts = state.ChannelPosts.Values.Where(p => p.StatementId == statementId).ToList();
                if (posts.All(p => p.Status == ChannelPostStatus.Delivered)) return posts;
                if (DateTime.UtcNow > deadline) throw new TimeoutException(string.Join(", ", posts.Select(p => p.Status)));
                await Task.Delay(100);
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealApp
{
    public const string Name = "Real app";
}
