using System.Net;
using System.Text;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static CrisisCenter.Web.Tests.Channels.ChannelSteps;

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>Admins manage channels through the API: recorded as events, secrets write-only and stored only as
/// Data Protection ciphertext, configured channels read-only, changes used by the dispatcher without a restart.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class ChannelsApiTests(ApiWithStaff api)
{
    private static readonly Uri PartnerUrl = new("https://partner.example/hooks/crisiscenter");
    private AgencyStaff Staff => api.Staff;
    private IEventStore Store => api.App.Store;

    private static string NewSecret() => "whsec-" + Guid.NewGuid().ToString("N");

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_admin_creates_lists_changes_switches_and_removes_a_webhook_channel()
    {
        var code = NewCode("partner");
        var secret = NewSecret();

        var created = await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, secret))).ReadJsonAsync<ChannelsApi.ChannelView>(HttpStatusCode.Created);
        created.Should().Match<ChannelsApi.ChannelView>(c => c.Code == code && c.Source == "api" && c.Editable && c.Kind == CrisisCenter.Channels.ChannelKind.Webhook
                                                            && c.Enabled && c.SecretSet && c.Url == PartnerUrl.ToString());
        created.ChangedBy.Should().Be(Staff.UserIds[AgencyStaff.AdminName]);

        // Replaced without a secret: the stored one stays.
        var moved = new Uri("https://partner.example/v2/hooks");
        var changed = await (await Staff.Admin.PutChannelAsync(code, Webhook(moved, secret: null))).ReadJsonAsync<ChannelsApi.ChannelView>();
        changed.Url.Should().Be(moved.ToString());
        changed.SecretSet.Should().BeTrue("an omitted secret keeps the stored one");
        changed.Revision.Should().BeGreaterThan(created.Revision!.Value);

        var off = await (await Staff.Admin.PostAsync(Channel(code) + "/disable", null)).ReadJsonAsync<ChannelsApi.ChannelView>();
        off.Enabled.Should().BeFalse();
        (await Staff.Admin.GetJsonAsync<List<ChannelsApi.ChannelView>>(ChannelList)).Should().ContainSingle(c => c.Code == code).Which.Enabled.Should().BeFalse();
        (await (await Staff.Admin.PostAsync(Channel(code) + "/enable", null)).ReadJsonAsync<ChannelsApi.ChannelView>()).Enabled.Should().BeTrue();

        (await Staff.Admin.DeleteAsync(Channel(code))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await Staff.Admin.GetAsync(Channel(code))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Staff.Admin.DeleteAsync(Channel(code))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Staff.Admin.PostAsync(Channel(code) + "/enable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await Staff.Admin.GetJsonAsync<List<ChannelsApi.ChannelView>>(ChannelList)).Should().NotContain(c => c.Code == code);

        var types = new List<string>();
        await foreach (var e in Store.ReadStreamAsync(ChannelDirectory.Stream))
            if (e.Data.Span.IndexOf(Encoding.UTF8.GetBytes(code)) >= 0) types.Add(e.Type);
        types.Should().Equal("channel.configured.v1", "channel.configured.v1", "channel.disabled.v1", "channel.enabled.v1", "channel.removed.v1");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_webhook_partner_chooses_the_event_types_it_takes()
    {
        var code = NewCode("statements-only");
        var body = new { kind = "Webhook", url = PartnerUrl.ToString(), secret = NewSecret(), events = new[] { "statement.published", "statement.corrected" } };

        var created = await (await Staff.Admin.PutChannelAsync(code, body)).ReadJsonAsync<ChannelsApi.ChannelView>(HttpStatusCode.Created);

        created.Events.Should().Equal("statement.published", "statement.corrected");
        var target = api.App.Services.GetRequiredService<ChannelTargets>().Find(code)!;
        target.Takes("statement.published").Should().BeTrue();
        target.Takes("incident.updated").Should().BeFalse("the partner did not subscribe to incident changes");
        var everything = await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, secret: null))).ReadJsonAsync<ChannelsApi.ChannelView>();
        everything.Events.Should().BeNull();
        api.App.Services.GetRequiredService<ChannelTargets>().Find(code)!.Takes("incident.updated").Should().BeTrue("no list means every type");

        var before = await Store.ChannelsStreamRevisionAsync();
        var unknown = await Staff.Admin.PutChannelAsync(code, new { kind = "Webhook", url = PartnerUrl.ToString(), events = new[] { "incident.deleted" } });
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors.Should().ContainKey("events");
        (await Store.ChannelsStreamRevisionAsync()).Should().Be(before, "a refused change appends nothing");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task secrets_are_never_returned_and_only_their_ciphertext_is_stored()
    {
        var code = NewCode("secretive");
        var secret = NewSecret();
        var botToken = "123456:" + Guid.NewGuid().ToString("N");
        var password = "smtp-" + Guid.NewGuid().ToString("N");
        await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, secret))).ReadBodyAsync(HttpStatusCode.Created);
        var telegram = NewCode("telegram");
        var telegramAnswer = await (await Staff.Admin.PutChannelAsync(telegram, new { kind = "Telegram", botToken, chats = new { kk = "@mchs_kz", ru = "@mchs_ru" } })).ReadBodyAsync(HttpStatusCode.Created);
        var email = NewCode("media");
        var emailAnswer = await (await Staff.Admin.PutChannelAsync(email, new
        {
            kind = "Email", smtpHost = "smtp.example.kz", smtpPort = 465, smtpSecurity = "SslOnConnect", smtpUser = "press", smtpPassword = password,
            from = "Press service <press@mchs.gov.kz>", recipients = new { ru = new[] { "news@media.kz", "desk@tv.kz" } },
        })).ReadBodyAsync(HttpStatusCode.Created);

        var answers = new[]
        {
            telegramAnswer, emailAnswer,
            await (await Staff.Admin.GetAsync(ChannelList)).ReadBodyAsync(HttpStatusCode.OK),
            await (await Staff.Admin.GetAsync(Channel(code))).ReadBodyAsync(HttpStatusCode.OK),
            await (await Staff.Admin.GetAsync(Channel(telegram))).ReadBodyAsync(HttpStatusCode.OK),
            await (await Staff.Admin.GetAsync(Channel(email))).ReadBodyAsync(HttpStatusCode.OK),
        };
        foreach (var answer in answers)
        {
            answer.Should().NotContain(secret).And.NotContain(botToken).And.NotContain(password).And.NotContain("protected", "ciphertext stays inside too");
        }
        answers[3].Should().Contain("\"secretSet\":true");
        answers[4].Should().Contain("\"botTokenSet\":true");
        answers[5].Should().Contain("\"smtpPasswordSet\":true");

        // The stored events: ciphertext that is not the secret, and the secret nowhere in the SQLite files.
        var stored = new List<string>();
        await foreach (var e in Store.ReadStreamAsync(ChannelDirectory.Stream)) stored.Add(Encoding.UTF8.GetString(e.Data.Span));
        stored.Should().Contain(json => json.Contains(code) && json.Contains("\"protectedSecret\":\"") );
        stored.Should().Contain(json => json.Contains(telegram) && json.Contains("\"protectedBotToken\":\""));
        stored.Should().Contain(json => json.Contains(email) && json.Contains("\"protectedSmtpPassword\":\""));
        foreach (var file in Directory.GetFiles(api.App.DataDirectory, "*.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var plaintext in new[] { secret, botToken, password })
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(plaintext)).Should().Be(-1, "{0} must not hold a secret in plain text", Path.GetFileName(file));
        }
        Directory.GetFiles(api.App.DataDirectory, "*.db*").Should().NotBeEmpty("the store is a real SQLite file");
        stored.Should().OnlyContain(json => !json.Contains(secret) && !json.Contains(botToken) && !json.Contains(password));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_explicit_empty_secret_clears_it_and_a_webhook_cannot_do_without_one()
    {
        var email = NewCode("media");
        object Email(string? password) => new { kind = "Email", smtpHost = "smtp.example.kz", smtpPassword = password, from = "press@mchs.gov.kz", recipients = new { kk = new[] { "news@media.kz" } } };
        (await (await Staff.Admin.PutChannelAsync(email, Email("initial-password"))).ReadJsonAsync<ChannelsApi.ChannelView>(HttpStatusCode.Created)).SmtpPasswordSet.Should().BeTrue();
        (await (await Staff.Admin.PutChannelAsync(email, Email(null))).ReadJsonAsync<ChannelsApi.ChannelView>()).SmtpPasswordSet.Should().BeTrue();
        (await (await Staff.Admin.PutChannelAsync(email, Email(""))).ReadJsonAsync<ChannelsApi.ChannelView>()).SmtpPasswordSet.Should().BeFalse();

        var webhook = NewCode("partner");
        await (await Staff.Admin.PutChannelAsync(webhook, Webhook(PartnerUrl, NewSecret()))).ReadBodyAsync(HttpStatusCode.Created);
        var before = await Store.ChannelsStreamRevisionAsync();

        var problem = await (await Staff.Admin.PutChannelAsync(webhook, Webhook(PartnerUrl, ""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.Errors.Keys.Should().Equal("secret");
        (await Store.ChannelsStreamRevisionAsync()).Should().Be(before, "a refused change appends nothing");
        (await Staff.Admin.GetJsonAsync<ChannelsApi.ChannelView>(Channel(webhook))).SecretSet.Should().BeTrue();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task bad_input_is_refused_field_by_field_and_nothing_is_appended()
    {
        var code = NewCode("bad");
        var before = await Store.ChannelsStreamRevisionAsync();

        var cases = new (object Body, string[] Fields)[]
        {
            (new { kind = "Webhook", url = "http://partner.example/hook", secret = NewSecret() }, ["url"]),
            (new { kind = "Webhook", url = "/relative", secret = "short" }, ["url", "secret"]),
            (new { kind = "Webhook", url = PartnerUrl.ToString() }, ["secret"]),
            (new { kind = "Telegram", botToken = "123:abc", chats = new Dictionary<string, string> { ["de"] = "@x", ["ru"] = " " } }, ["chats.de", "chats.ru"]),
            (new { kind = "Telegram", chats = new { kk = "@mchs" } }, ["botToken"]),
            (new { kind = "Email", smtpPort = 0, smtpSecurity = "Maybe", recipients = new { kk = new[] { "not an address" } } }, ["smtpHost", "smtpPort", "smtpSecurity", "from", "recipients.kk"]),
            (new { kind = "Email", smtpHost = "smtp.example.kz", from = "press@mchs.gov.kz" }, ["recipients"]),
            (new { enabled = true }, ["kind"]),
        };
        foreach (var (body, fields) in cases)
        {
            var problem = await (await Staff.Admin.PutChannelAsync(code, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.Errors.Keys.Should().BeEquivalentTo(fields, "for {0}", System.Text.Json.JsonSerializer.Serialize(body));
        }
        (await (await Staff.Admin.PutChannelAsync("Not a code!", Webhook(PartnerUrl, NewSecret()))).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .Errors.Keys.Should().Equal("code");
        (await (await Staff.Admin.PutChannelAsync(code, new { kind = "Pigeon" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("kind");

        (await Store.ChannelsStreamRevisionAsync()).Should().Be(before);
        await (await Staff.Admin.GetAsync(Channel(code))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task channels_from_the_configuration_are_listed_read_only()
    {
        var list = await Staff.Admin.GetJsonAsync<List<ChannelsApi.ChannelView>>(ChannelList);
        list.Should().ContainSingle(c => c.Code == "website").Which.Should().Match<ChannelsApi.ChannelView>(c => c.Source == "configuration" && !c.Editable && c.Revision == null);
        var before = await Store.ChannelsStreamRevisionAsync();

        foreach (var response in new[]
                 {
                     await Staff.Admin.PutChannelAsync("website", new { kind = "Feed", enabled = false }),
                     await Staff.Admin.PostAsync(Channel("website") + "/disable", null),
                     await Staff.Admin.DeleteAsync(Channel("cap")),
                 })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            problem.Code.Should().Be(ChannelsApi.ConfiguredCode);
            problem.Detail.Should().Contain("configuration");
        }
        (await Store.ChannelsStreamRevisionAsync()).Should().Be(before);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_change_based_on_a_stale_revision_is_a_conflict()
    {
        var code = NewCode("partner");
        var response = await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, NewSecret()), ifMatch: "\"-1\"");
        var etag = response.Headers.ETag!.Tag;
        await response.ReadBodyAsync(HttpStatusCode.Created);
        await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, null), ifMatch: etag)).ReadBodyAsync(HttpStatusCode.OK);

        var stale = await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, null), ifMatch: etag)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var again = await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, NewSecret()), ifMatch: "\"-1\"")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        stale.ActualRevision.Should().BeGreaterThan(long.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        again.ActualRevision.Should().Be(stale.ActualRevision);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task only_admins_read_or_change_channels()
    {
        var code = NewCode("partner");
        await (await Staff.Admin.PutChannelAsync(code, Webhook(PartnerUrl, NewSecret()))).ReadBodyAsync(HttpStatusCode.Created);

        foreach (var client in new[] { Staff.PressOfficer, Staff.Approver, Staff.Observer })
        {
            (await client.GetAsync(ChannelList)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.PutChannelAsync(code, Webhook(PartnerUrl, NewSecret()))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.PostAsync(Channel(code) + "/disable", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.DeleteAsync(Channel(code))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        (await Staff.Admin.GetJsonAsync<ChannelsApi.ChannelView>(Channel(code))).Enabled.Should().BeTrue();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_channel_switched_off_abandons_new_posts_and_switched_on_again_delivers_without_a_restart()
    {
        var secret = NewSecret();
        await using var partner = await PartnerWebhook.StartAsync(secret);
        var code = NewCode("partner");
        await (await Staff.Admin.PutChannelAsync(code, Webhook(partner.Url, secret, enabled: false))).ReadBodyAsync(HttpStatusCode.Created);

        var whileOff = await Staff.PublishNewStatementAsync(code);
        var abandoned = await Staff.PressOfficer.SettledPostsAsync(whileOff);

        abandoned.Should().HaveCount(2).And.OnlyContain(p => p.Status == ChannelPostStatus.Abandoned && p.LastError == $"Channel '{code}' is switched off.");
        partner.SignedDeliveries.Should().BeEmpty();

        await (await Staff.Admin.PostAsync(Channel(code) + "/enable", null)).ReadBodyAsync(HttpStatusCode.OK);
        var whileOn = await Staff.PublishNewStatementAsync(code);
        var delivered = await Staff.PressOfficer.SettledPostsAsync(whileOn);

        delivered.Should().HaveCount(2).And.OnlyContain(p => p.Status == ChannelPostStatus.Delivered);
        // A channel without an events list also hears of incident changes (incident.updated, keys "incident:…").
        partner.SignedDeliveries.Keys.Where(key => !key.StartsWith("incident:", StringComparison.Ordinal)).Should().BeEquivalentTo(delivered.Select(p => p.IdempotencyKey));
        partner.BadSignatures.Should().Be(0);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
