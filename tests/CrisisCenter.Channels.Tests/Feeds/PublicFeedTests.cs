using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.Feeds;

public sealed class PublicFeedTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.FromHours(5));
    private readonly FeedScenario feed = new();
    private readonly Published incident = new();

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    // RSS readers put <description> in Summary, Atom readers put <content> in Content.
    private static string TextOf(SyndicationItem item) => ((TextSyndicationContent)(item.Summary ?? item.Content)).Text;

    private SyndicationFeed Rss(Language language, FeedDocuments? documents = null) =>
        Parse((documents ?? feed.Documents).Rss(language, feed.Statements.Current.EntriesIn(language)));

    private SyndicationFeed Atom(Language language, FeedDocuments? documents = null) =>
        Parse((documents ?? feed.Documents).Atom(language, feed.Statements.Current.EntriesIn(language)));

    /// <summary>The documents as served to a reader at http://feeds.test:8080 when Channels:PublicBaseUrl is unset.</summary>
    private FeedDocuments ServedWithoutBaseUrl()
    {
        var unset = new PublicLinks(Microsoft.Extensions.Options.Options.Create(new ChannelsOptions()));
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new Microsoft.AspNetCore.Http.HostString("feeds.test", 8080);
        return feed.Documents.With(unset.For(request));
    }

    private Guid PublishedAndDelivered(StatementKind kind = StatementKind.Update, Guid? references = null, string topic = "Паводок", int minute = 10)
    {
        var seen = incident.Events.ToList();
        var id = incident.Statement(["website"], kind, references, Published.Text(topic), minute: minute);
        feed.Feed(incident, seen);
        feed.Deliver(incident, id, Noon.AddMinutes(minute));
        return id;
    }

    [Fact]
    public void a_restarted_node_restores_every_entry_and_cap_message_and_still_marks_a_later_correction()
    {
        var original = PublishedAndDelivered(topic: "Паводок", minute: 10);
        var seen = incident.Events.ToList();
        var capped = incident.Statement(["cap"], content: Published.Text("Сель"), minute: 20);
        feed.Feed(incident, seen);
        feed.Deliver(incident, capped, Noon.AddMinutes(20));
        var before = feed.Statements.Current;

        var restarted = feed.Restarted();

        restarted.Current.Entries.Should().BeEquivalentTo(before.Entries);
        restarted.Current.CapMessages.Keys.Should().BeEquivalentTo(before.CapMessages.Keys);
        feed.Cap.Write(restarted.Current.CapMessages[capped], restarted.Current.CapMessages)
            .Should().Be(feed.Cap.Write(before.CapMessages[capped], before.CapMessages));
        restarted.Current.Position.Should().Be(before.Position, "the feeds' ETags must not change across a restart");

        // What the restored model remembers of posts and statements still serves the events after the restart.
        var correctionPosts = incident.Events.Count;
        var correction = incident.Statement(["website"], StatementKind.Correction, original, Published.Text("Түзету"), minute: 30);
        foreach (var e in incident.Events.Skip(correctionPosts)) restarted.Apply(new Application.Projections.ProjectedEvent(e, 1000 + incident.Events.Count, 0, Guid.NewGuid(), EventTypes.NameOf(e), EventStore.EventMetadata.Empty));
        foreach (var post in incident.PostsOf(correction))
            restarted.Apply(new Application.Projections.ProjectedEvent(
                new ChannelPostDelivered(incident.IncidentId, Actor.SystemUserId, Noon.AddMinutes(30), post.PostId, 1, "x", null), 2000, 0, Guid.NewGuid(), "channel_post.delivered.v1", EventStore.EventMetadata.Empty));

        restarted.Current.Entries[(original, Language.Ru)].Status.Should().Be(FeedEntryStatus.Corrected);
        restarted.Current.Entries[(original, Language.Ru)].AmendedBy.Should().Be(correction);
    }

    [Fact]
    public void a_statement_appears_in_each_language_once_its_website_post_is_delivered()
    {
        var seen = incident.Events.ToList();
        var id = incident.Statement(["website"]);
        feed.Feed(incident, seen);
        Rss(Language.Ru).Items.Should().BeEmpty("publishing schedules posts; the feed shows what was delivered");

        feed.Deliver(incident, id, Noon);

        var ru = Rss(Language.Ru).Items.Single();
        ru.Title.Text.Should().Be("Паводок: паводок в Алматы");
        TextOf(ru).Should().Contain("Спасатели работают").And.Contain("Что делать: Держитесь подальше");
        ru.Links.Single().Uri.Should().Be(new Uri($"https://emergency.example.kz/public/ru/statements/{id:D}"));
        Atom(Language.Kk).Items.Single().Title.Text.Should().Be("Паводок: Алматыдағы су тасқыны");
        Rss(Language.En).Items.Should().BeEmpty("the statement has no English text");
    }

    [Fact]
    public void entry_ids_are_stable_per_statement_and_language()
    {
        var id = PublishedAndDelivered();

        Atom(Language.Ru).Items.Single().Id.Should().Be($"tag:crisiscenter,2026:statement/{id:D}/ru");
        Rss(Language.Ru).Items.Single().Id.Should().Be($"tag:crisiscenter,2026:statement/{id:D}/ru");
        Atom(Language.Kk).Items.Single().Id.Should().Be($"tag:crisiscenter,2026:statement/{id:D}/kk");
    }

    [Fact]
    public void a_correction_marks_the_original_corrected_and_links_it()
    {
        var original = PublishedAndDelivered();
        var correction = PublishedAndDelivered(StatementKind.Correction, original, "Уточнение", minute: 30);

        var items = Atom(Language.Ru).Items.ToList();
        items.Should().HaveCount(2);
        var amended = items.Single(i => i.Id.Contains(original.ToString("D")));
        amended.Title.Text.Should().StartWith("[Исправлено] ");
        amended.Categories.Should().Contain(c => c.Name == "corrected" && c.Scheme == FeedDocuments.StatusCategoryScheme);
        amended.Links.Should().Contain(l => l.RelationshipType == "related" && l.Uri.ToString().Contains(correction.ToString("D")));
        amended.LastUpdatedTime.Should().Be(Noon.AddMinutes(30));
        TextOf(amended).Should().Contain("Спасатели работают", "a corrected statement keeps its text");
        items.Single(i => i.Id.Contains(correction.ToString("D"))).Links
            .Should().Contain(l => l.RelationshipType == "related" && l.Uri.ToString().Contains(original.ToString("D")));
    }

    [Fact]
    public void a_retraction_withdraws_the_text_and_marks_the_entry_retracted()
    {
        var original = PublishedAndDelivered();
        PublishedAndDelivered(StatementKind.Retraction, original, "Отзыв", minute: 30);

        var amended = Rss(Language.Ru).Items.Single(i => i.Id.Contains(original.ToString("D")));
        amended.Title.Text.Should().StartWith("[Отозвано]").And.NotContain("паводок в Алматы");
        var text = TextOf(amended);
        text.Should().NotContain("Спасатели").And.Contain("отозвано");
        amended.Categories.Should().Contain(c => c.Name == "retracted");
        var page = StatementPage.Render(feed.Statements.Current.Entries[(original, Language.Ru)]);
        page.Should().NotContain("Спасатели").And.Contain("data-status=\"retracted\"");
    }

    [Fact]
    public void restricted_incidents_never_reach_the_public_feeds()
    {
        var restricted = new Published(visibility: Visibility.Restricted);
        var id = restricted.Statement(["website"]);
        feed.Feed(restricted);
        feed.Deliver(restricted, id, Noon);

        feed.Statements.Current.Entries.Should().BeEmpty();
    }

    [Fact]
    public void the_json_feed_is_version_1_1_with_the_status_extension()
    {
        var original = PublishedAndDelivered();
        PublishedAndDelivered(StatementKind.Correction, original, "Уточнение", minute: 30);

        var bytes = feed.Documents.JsonFeed(Language.Ru, feed.Statements.Current.EntriesIn(Language.Ru), new Uri("https://emergency.example.kz/feeds/ru/feed.json"));
        using var json = JsonDocument.Parse(bytes);
        json.RootElement.GetProperty("version").GetString().Should().Be("https://jsonfeed.org/version/1.1");
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(2);
        var amended = items.Single(i => i.GetProperty("id").GetString()!.Contains(original.ToString("D")));
        amended.GetProperty("_crisiscenter").GetProperty("status").GetString().Should().Be("corrected");
        DateTimeOffset.Parse(amended.GetProperty("date_modified").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(Noon.AddMinutes(30));
    }

    [Fact]
    public void statement_pages_render_text_as_text()
    {
        var id = PublishedAndDelivered();

        var page = StatementPage.Render(feed.Statements.Current.Entries[(id, Language.Ru)]);

        page.Should().Contain("&lt;b&gt;&amp;&lt;/b&gt;").And.NotContain("<b>&</b>");
        page.Should().Contain("<html lang=\"ru\">");
    }

    [Fact]
    public void without_a_configured_base_url_the_links_come_from_the_request()
    {
        var original = PublishedAndDelivered();
        var correction = PublishedAndDelivered(StatementKind.Correction, original, "Уточнение", minute: 30);
        var documents = ServedWithoutBaseUrl();

        var rss = Rss(Language.Ru, documents);
        rss.Links.Should().Contain(l => l.RelationshipType == "alternate" && l.Uri == new Uri("http://feeds.test:8080/"), "RSS 2.0 requires <channel><link>");
        rss.Links.Should().Contain(l => l.RelationshipType == "self" && l.Uri == new Uri("http://feeds.test:8080/feeds/ru/rss.xml"));
        rss.Items.Should().OnlyContain(i => i.Links.Any(l => l.RelationshipType == "alternate" && l.Uri.ToString().StartsWith("http://feeds.test:8080/public/ru/statements/", StringComparison.Ordinal)));
        rss.Items.Single(i => i.Id.Contains(original.ToString("D"))).Links
            .Should().Contain(l => l.RelationshipType == "related" && l.Uri == new Uri($"http://feeds.test:8080/public/ru/statements/{correction:D}"), "a corrected item links its correction in RSS too");

        var atom = Atom(Language.Ru, documents);
        atom.Links.Should().Contain(l => l.RelationshipType == "self" && l.Uri == new Uri("http://feeds.test:8080/feeds/ru/atom.xml"));
        atom.Items.Single(i => i.Id.Contains(original.ToString("D"))).Links
            .Should().Contain(l => l.RelationshipType == "related" && l.Uri.ToString().Contains(correction.ToString("D")));

        using var json = JsonDocument.Parse(documents.JsonFeed(Language.Ru, feed.Statements.Current.EntriesIn(Language.Ru), null));
        json.RootElement.GetProperty("home_page_url").GetString().Should().Be("http://feeds.test:8080/");
        json.RootElement.GetProperty("feed_url").GetString().Should().Be("http://feeds.test:8080/feeds/ru/feed.json");
        json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString())
            .Should().OnlyContain(url => url!.StartsWith("http://feeds.test:8080/public/ru/statements/", StringComparison.Ordinal));
    }

    [Fact]
    public void atom_feeds_name_the_press_service_as_author()
    {
        PublishedAndDelivered();

        Atom(Language.Ru).Authors.Should().ContainSingle().Which.Name.Should().Be("Пресс-служба");
        Atom(Language.Kk).Authors.Single().Name.Should().Be("Баспасөз қызметі");
        var configured = new FeedDocuments(feed.Links, publisherName: "Пресс-служба МЧС РК");
        Atom(Language.Ru, configured).Authors.Single().Name.Should().Be("Пресс-служба МЧС РК");
        using var json = JsonDocument.Parse(configured.JsonFeed(Language.Ru, feed.Statements.Current.EntriesIn(Language.Ru), null));
        json.RootElement.GetProperty("authors")[0].GetProperty("name").GetString().Should().Be("Пресс-служба МЧС РК");
    }

    [Fact]
    public void statement_pages_show_the_time_on_the_office_clock_with_the_zone_named()
    {
        var id = PublishedAndDelivered();
        var office = new OfficeTimeZone(TimeZoneInfo.CreateCustomTimeZone("Asia/Aqtobe", TimeSpan.FromHours(5), "Aqtobe", "Aqtobe"));
        var entry = feed.Statements.Current.Entries[(id, Language.Ru)] with { Published = new DateTimeOffset(2026, 3, 14, 7, 10, 0, TimeSpan.Zero) };

        var page = StatementPage.Render(entry, office);

        page.Should().Contain("<time datetime=\"2026-03-14T12:10:00+05:00\">2026-03-14 12:10 (Asia/Aqtobe, UTC+05:00)</time>");
        page.Should().NotContain("+00:00");
    }
}
