using System.Globalization;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Telegram;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Channels.Tests.StandIns;
using CrisisCenter.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CrisisCenter.Channels.Tests.StandIns.TelegramBotApi;

namespace CrisisCenter.Channels.Tests.Telegram;

/// <summary>The Telegram adapter through the real delivery pipeline against a loopback Bot API.</summary>
public sealed class TelegramDeliveryTests : IAsyncLifetime
{
    private const string ChannelCode = "telegram";
    private static readonly Chat Kk = new(-1001000000001, "ТЖМ ресми арнасы", "tjm_kk");
    private static readonly Chat Ru = new(-1001000000002, "МЧС: официально");
    private static readonly IHttpClientFactory Http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private TelegramBotApi api = null!;
    private readonly Published incident = new();

    public async Task InitializeAsync() => api = await StartAsync(Kk, Ru);

    public async Task DisposeAsync() => await api.DisposeAsync();

    private DeliveryHarness Harness(Action<ChannelTarget>? change = null, Uri? baseUrl = null)
    {
        var target = new ChannelTarget
        {
            Kind = ChannelKind.Telegram,
            BotToken = Token,
            ApiBaseUrl = baseUrl ?? api.BaseUrl,
            Chats = new(StringComparer.OrdinalIgnoreCase) { ["kk"] = "@tjm_kk", ["ru"] = Ru.Id.ToString(CultureInfo.InvariantCulture) },
        };
        change?.Invoke(target);
        var harness = new DeliveryHarness(options => options.Targets[ChannelCode] = target,
            new Dictionary<ChannelKind, IChannelAdapter> { [ChannelKind.Telegram] = new TelegramAdapter(Http) });
        // A loaded machine (and a cold start) can take seconds for a multi-part send; only the hang test wants it short.
        harness.Options.Dispatch.AttemptTimeout = TimeSpan.FromSeconds(15);
        harness.Incidents.Seed(incident.Events);
        return harness;
    }

    private ChannelPostScheduled PostOf(Guid statement, Language language, ChannelPostAction action = ChannelPostAction.Publish) =>
        incident.PostsOf(statement).Single(p => p.Language == language && p.Action == action);

    private static IReadOnlyDictionary<Language, StatementText> Content(string ruBody, string topic = "Паводок") => new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new($"{topic}: Алматыдағы су тасқыны", "Құтқарушылар жұмыс істеп жатыр.", "Өзен жағасынан аулақ болыңыз."),
        [Language.Ru] = new($"{topic}: паводок в Алматы", ruBody, "Держитесь подальше от берегов рек."),
    };

    [Fact]
    public async Task a_statement_in_kk_and_ru_lands_in_each_languages_chat_with_user_text_escaped()
    {
        const string ruBody = "Не открывайте <script>alert('x')</script> & \"ссылки\" из чатов.";
        var statement = incident.Statement([ChannelCode], content: Content(ruBody));
        var harness = Harness();

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Kk).PostId)).Outcome.Should().Be("Delivered");
        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Delivered");

        var kk = api.MessagesIn(Kk.Id).Single();
        kk.Html.Should().StartWith("<b>Паводок: Алматыдағы су тасқыны</b>\n\nҚұтқарушылар жұмыс істеп жатыр.\n\n<b>Не істеу керек: </b>Өзен жағасынан аулақ болыңыз.")
            .And.EndWith($"<a href=\"https://emergency.example.kz/public/kk/statements/{statement:D}\">Толығырақ сайтта</a>");
        var ru = api.MessagesIn(Ru.Id).Single();
        ru.Text.Should().Contain(ruBody, "Telegram shows the user's text exactly as written");
        ru.Html.Should().Contain("Не открывайте &lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;ссылки&quot; из чатов.");
        api.RefusedTexts.Should().Be(0);

        var delivered = harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId);
        delivered.Should().ContainSingle(d => d.ExternalId == $"{Kk.Id}:1" && d.Url == "https://t.me/tjm_kk/1");
        delivered.Should().ContainSingle(d => d.ExternalId == $"{Ru.Id}:1" && d.Url == null);
        harness.Incidents.EventsOf<ChannelPostSending>(incident.IncidentId).Should().HaveCount(2, "each send is recorded as Sending first");
    }

    [Fact]
    public async Task a_long_statement_goes_out_in_parts_each_a_valid_message_within_telegrams_limit()
    {
        var paragraphs = Enumerable.Range(1, 40).Select(n => $"{n}. " + string.Join(' ', Enumerable.Repeat("Вода & <грязь> \"сель\";", 20))).ToList();
        var statement = incident.Statement([ChannelCode], content: Content(string.Join("\n\n", paragraphs)));
        var harness = Harness();

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Delivered",
            string.Join("; ", harness.Incidents.EventsOf<ChannelPostUncertain>(incident.IncidentId).Select(u => u.Note)));

        var messages = api.MessagesIn(Ru.Id);
        messages.Should().HaveCountGreaterThanOrEqualTo(3);
        messages.Should().OnlyContain(m => m.Text.Length <= MessageLimit);
        api.RefusedTexts.Should().Be(0, "every part parsed as Telegram HTML");
        messages.Skip(1).Should().OnlyContain(m => char.IsDigit(m.Text[0]), "parts start at a paragraph");
        var shown = string.Join("\n\n", messages.Select(m => m.Text));
        paragraphs.Should().OnlyContain(p => shown.Contains(p));
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().ExternalId
            .Should().Be($"{Ru.Id}:{string.Join(',', messages.Select(m => m.Id))}");
    }

    [Fact]
    public async Task a_later_part_told_to_wait_waits_in_place_so_earlier_parts_are_not_repeated()
    {
        var statement = incident.Statement([ChannelCode], content: Content(LongBody()));
        var harness = Harness();
        api.Fail(new Fault.Status(429, "Too Many Requests: retry after 1", RetryAfter: 1, Method: "sendMessage") { After = 1 });

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Delivered");

        var messages = api.MessagesIn(Ru.Id);
        messages.Select(m => m.Id).Should().Equal(Enumerable.Range(1, messages.Count), "each part went out once");
        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Should().BeEmpty();
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(1);
    }

    [Fact]
    public async Task a_later_part_refused_for_good_leaves_the_post_uncertain_with_the_parts_that_went_out()
    {
        var statement = incident.Statement([ChannelCode], content: Content(LongBody()));
        var harness = Harness();
        api.Fail(new Fault.Status(403, "Forbidden: bot was kicked from the channel chat", Method: "sendMessage") { After = 1 });

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Uncertain");

        api.MessagesIn(Ru.Id).Should().ContainSingle();
        harness.Incidents.EventsOf<ChannelPostUncertain>(incident.IncidentId).Single().Note
            .Should().Contain($"went out ({Ru.Id}:1)").And.Contain("Telegram 403: Forbidden: bot was kicked from the channel chat");
    }

    private static string LongBody() =>
        string.Join("\n\n", Enumerable.Range(1, 20).Select(n => $"{n}. " + string.Join(' ', Enumerable.Repeat("Вода и грязь, сель.", 25))));

    [Fact]
    public async Task a_correction_edits_the_original_and_replies_that_it_was_corrected()
    {
        var original = incident.Statement([ChannelCode]);
        var correction = incident.Statement([ChannelCode], StatementKind.Correction, original, Content("Уровень воды снижается.", "Уточнение"), minute: 30);
        var harness = Harness();
        await harness.DeliverAsync(incident, PostOf(original, Language.Ru).PostId);

        var run = await harness.DeliverAsync(incident, PostOf(correction, Language.Ru, ChannelPostAction.Correct).PostId);

        run.Outcome.Should().Be("Delivered");
        var messages = api.MessagesIn(Ru.Id);
        messages.Should().HaveCount(2);
        var edited = messages[0];
        edited.History.Should().ContainSingle().Which.Should().Contain("Спасатели работают");
        edited.Text.Should().StartWith("✏️ [Исправлено]\n\nУточнение: паводок в Алматы\n\nУровень воды снижается.").And.NotContain("Спасатели");
        var reply = messages[1];
        reply.ReplyTo.Should().Be(edited.Id);
        reply.Text.Should().Contain("Это сообщение исправлено");
        reply.Html.Should().Contain($"/public/ru/statements/{correction:D}");
        harness.Incidents.Post(incident.IncidentId, PostOf(correction, Language.Ru, ChannelPostAction.Correct).PostId).ExternalId.Should().Be($"{Ru.Id}:2");
    }

    [Fact]
    public async Task a_correction_of_a_long_original_edits_every_part()
    {
        var long_ = string.Join("\n\n", Enumerable.Range(1, 30).Select(n => $"{n}. " + string.Join(' ', Enumerable.Repeat("слово", 60))));
        var original = incident.Statement([ChannelCode], content: Content(long_));
        var correction = incident.Statement([ChannelCode], StatementKind.Correction, original, Content("Коротко: всё спокойно.", "Уточнение"), minute: 30);
        var harness = Harness();
        await harness.DeliverAsync(incident, PostOf(original, Language.Ru).PostId);
        var parts = api.MessagesIn(Ru.Id).Count;
        parts.Should().BeGreaterThan(1);

        (await harness.DeliverAsync(incident, PostOf(correction, Language.Ru, ChannelPostAction.Correct).PostId)).Outcome.Should().Be("Delivered");

        var messages = api.MessagesIn(Ru.Id);
        messages.Take(parts).Should().OnlyContain(m => m.History.Count == 1, "every part of the original was edited");
        messages[0].Text.Should().Contain("Коротко: всё спокойно.");
        messages.Skip(1).Take(parts - 1).Should().OnlyContain(m => m.Text == "✏️ [Исправлено] (см. первую часть)");
        messages.Should().HaveCount(parts + 1);
    }

    [Fact]
    public async Task a_retraction_edits_the_original_to_a_retraction_notice()
    {
        var original = incident.Statement([ChannelCode]);
        var retraction = incident.Statement(["website"], StatementKind.Retraction, original, Content("Сообщение опубликовано по ошибке.", "Отзыв"), minute: 30);
        var harness = Harness();
        var originalPost = PostOf(original, Language.Ru);
        await harness.DeliverAsync(incident, originalPost.PostId);

        (await harness.DeliverAsync(incident, PostOf(retraction, Language.Ru, ChannelPostAction.Retract).PostId)).Outcome.Should().Be("Delivered");

        var message = api.MessagesIn(Ru.Id).Should().ContainSingle("a retraction edits, it sends nothing new").Subject;
        message.Text.Should().StartWith("[Отозвано] Это заявление отозвано; его текст больше не публикуется.")
            .And.Contain("Сообщение опубликовано по ошибке.")
            .And.NotContain("Спасатели");
        harness.Incidents.Post(incident.IncidentId, PostOf(retraction, Language.Ru, ChannelPostAction.Retract).PostId).ExternalId.Should().Be($"{Ru.Id}:1");
    }

    [Fact]
    public async Task a_retried_correction_finds_its_edit_made_and_only_sends_the_reply()
    {
        var original = incident.Statement([ChannelCode]);
        var correction = incident.Statement([ChannelCode], StatementKind.Correction, original, Content("Уровень воды снижается.", "Уточнение"), minute: 30);
        var harness = Harness();
        await harness.DeliverAsync(incident, PostOf(original, Language.Ru).PostId);
        api.Fail(new Fault.Status(500, "Internal Server Error", Method: "sendMessage"));

        (await harness.DeliverAsync(incident, PostOf(correction, Language.Ru, ChannelPostAction.Correct).PostId)).Outcome.Should().Be("Delivered");

        api.NotModifiedAnswers.Should().Be(1, "the second attempt edited again and Telegram said nothing changed");
        var messages = api.MessagesIn(Ru.Id);
        messages.Should().HaveCount(2);
        messages[0].History.Should().ContainSingle();
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Last().Attempt.Should().Be(2);
    }

    [Fact]
    public async Task too_many_requests_is_honoured_then_the_message_is_delivered_once()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness();
        api.Fail(new Fault.Status(429, "Too Many Requests: retry after 1", RetryAfter: 1));

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Delivered");

        var failed = harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Single();
        failed.Error.Should().Be("Telegram 429: Too Many Requests: retry after 1");
        (failed.NextRetryAt - failed.At).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "retry_after is 1 s");
        var sends = api.Requests.Where(r => r.Method == "sendMessage").ToList();
        sends.Should().HaveCount(2);
        (sends[1].At - sends[0].At).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "the retry waited retry_after");
        api.MessagesIn(Ru.Id).Should().ContainSingle();
        harness.Incidents.EventsOf<ChannelPostSending>(incident.IncidentId).Select(s => s.Attempt).Should().Equal(1, 2);
    }

    [Fact]
    public async Task a_server_error_sent_nothing_so_it_is_retried()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness();
        api.Fail(new Fault.Status(502, "Bad Gateway"));

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Delivered");

        harness.Incidents.EventsOf<ChannelPostFailed>(incident.IncidentId).Single().Error.Should().Be("Telegram 502: Bad Gateway");
        api.MessagesIn(Ru.Id).Should().ContainSingle();
    }

    [Fact]
    public async Task a_bad_request_abandons_the_post_with_telegrams_description()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness(target => target.Chats["ru"] = "-1009999999999");

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Abandoned");

        var abandoned = harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single();
        abandoned.Error.Should().Be("Telegram 400: Bad Request: chat not found");
        abandoned.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task a_wrong_bot_token_is_refused_and_abandoned()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness(target => target.BotToken = "987654:not-the-token");

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Abandoned");

        harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single().Error.Should().Be("Telegram 401: Unauthorized");
        api.Unauthorized.Should().Be(1);
    }

    [Fact]
    public async Task a_language_without_a_chat_is_abandoned_with_a_clear_message()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness(target => target.Chats.Remove("ru"));

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Abandoned");

        harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single().Error
            .Should().Be("Telegram channel 'telegram' has no chat for language 'ru' (Channels:Targets:telegram:Chats:ru).");
        api.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task a_send_that_times_out_becomes_uncertain_is_never_re_sent_and_an_operator_confirms_it()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness();
        harness.Options.Dispatch.AttemptTimeout = TimeSpan.FromSeconds(1);
        api.Fail(new Fault.Hang(TimeSpan.FromSeconds(30)));
        var post = PostOf(statement, Language.Ru);

        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Uncertain");
        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Uncertain");

        api.MessagesIn(Ru.Id).Should().ContainSingle("Telegram posted it, but its answer never came");
        api.Requests.Should().ContainSingle("an uncertain post is never sent again by the platform");
        harness.Incidents.EventsOf<ChannelPostUncertain>(incident.IncidentId).Single().Note.Should().Contain("No answer");

        var confirmed = await harness.Incidents.ExecuteAsync(new ConfirmChannelPostDelivered(
            incident.IncidentId, Published.By(Published.PressOfficer, 60), post.PostId, $"{Ru.Id}:1", null, "Seen in the channel"));

        confirmed.Succeeded.Should().BeTrue();
        var state = harness.Incidents.Post(incident.IncidentId, post.PostId);
        state.Status.Should().Be(ChannelPostStatus.Delivered);
        state.ExternalId.Should().Be($"{Ru.Id}:1");
        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Delivered");
        api.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task a_connection_reset_midway_becomes_uncertain_and_an_operators_re_send_goes_out()
    {
        var statement = incident.Statement([ChannelCode]);
        var harness = Harness();
        api.Fail(new Fault.Reset());
        var post = PostOf(statement, Language.Ru);

        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Uncertain");
        api.MessagesIn(Ru.Id).Should().BeEmpty();

        var retried = await harness.Incidents.ExecuteAsync(new RetryChannelPost(incident.IncidentId, Published.By(Published.PressOfficer, 60), post.PostId, "Not in the channel"));
        retried.Succeeded.Should().BeTrue();
        (await harness.DeliverAsync(incident, post.PostId)).Outcome.Should().Be("Delivered");

        api.MessagesIn(Ru.Id).Should().ContainSingle();
        harness.Incidents.EventsOf<ChannelPostDelivered>(incident.IncidentId).Single().Attempt.Should().Be(2);
    }

    [Fact]
    public async Task a_refused_connection_sent_nothing_so_it_is_retried_not_made_uncertain()
    {
        var statement = incident.Statement([ChannelCode]);
        var closed = ClosedPort();
        var harness = Harness(baseUrl: closed);

        (await harness.DeliverAsync(incident, PostOf(statement, Language.Ru).PostId)).Outcome.Should().Be("Abandoned");

        harness.Incidents.EventsOf<ChannelPostUncertain>(incident.IncidentId).Should().BeEmpty();
        harness.Incidents.EventsOf<ChannelPostSending>(incident.IncidentId).Should().HaveCount(4);
        harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single().Error.Should().Contain("Gave up after 4 attempts").And.Contain("Could not connect");
    }

    [Fact]
    public async Task an_amendment_whose_original_never_reached_telegram_waits_and_then_gives_up()
    {
        var original = incident.Statement([ChannelCode]);
        var correction = incident.Statement([ChannelCode], StatementKind.Correction, original, Content("Уровень воды снижается.", "Уточнение"), minute: 30);
        var harness = Harness();

        (await harness.DeliverAsync(incident, PostOf(correction, Language.Ru, ChannelPostAction.Correct).PostId)).Outcome.Should().Be("Abandoned");

        harness.Incidents.EventsOf<ChannelPostAbandoned>(incident.IncidentId).Single().Error.Should().Contain("has not been delivered yet");
        api.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, "@tjm_kk")]
    [InlineData("not-a-token", "@tjm_kk")]
    [InlineData(Token, null)]
    [InlineData(Token, "tjm_kk")]
    public void a_telegram_target_needs_a_bot_token_and_a_chat_at_start(string? token, string? chat)
    {
        var settings = new Dictionary<string, string?> { ["Channels:Targets:telegram:Kind"] = "Telegram", ["Channels:Targets:telegram:BotToken"] = token };
        if (chat is not null) settings["Channels:Targets:telegram:Chats:kk"] = chat;
        using var services = new ServiceCollection().AddCrisisCenterChannels(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<ChannelsOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*Telegram*BotToken*");
    }

    [Fact]
    public void a_complete_telegram_target_passes_validation()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Targets:telegram:Kind"] = "Telegram", ["Channels:Targets:telegram:BotToken"] = Token,
            ["Channels:Targets:telegram:Chats:kk"] = "@tjm_kk", ["Channels:Targets:telegram:Chats:ru"] = "-1001000000002",
        };
        using var services = new ServiceCollection().AddCrisisCenterChannels(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

        services.GetRequiredService<IOptions<ChannelsOptions>>().Value.Targets["telegram"].Chats.Should().HaveCount(2);
    }

    private static Uri ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
