using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Channels.Tests.Cap;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.Feeds;

/// <summary>
/// Events stored before the text policy can hold characters XML 1.0 cannot carry (a null character, a vertical tab
/// pasted from a word processor) or a right-to-left override: every public document still renders, parses and says
/// the words around them.
/// </summary>
public sealed class StoredControlCharacterTests
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.FromHours(5));
    private readonly FeedScenario feed = new();
    private readonly Published incident = new();

    private Guid PublishedWithHostileText()
    {
        var id = incident.StatementStoredBeforeTheTextPolicy(["website", "cap"], Published.HostileText());
        feed.Feed(incident);
        feed.Deliver(incident, id, Noon);
        return id;
    }

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = true });
        return SyndicationFeed.Load(reader);
    }

    private static string TextOf(SyndicationItem item) => ((TextSyndicationContent)(item.Summary ?? item.Content)).Text;

    [Theory]
    [InlineData(Language.Kk)]
    [InlineData(Language.Ru)]
    public void rss_and_atom_render_and_parse_with_the_refused_characters_dropped(Language language)
    {
        PublishedWithHostileText();
        var entries = feed.Statements.Current.EntriesIn(language);

        foreach (var document in new[] { feed.Documents.Rss(language, entries), feed.Documents.Atom(language, entries) })
        {
            var item = Parse(document).Items.Single();
            TextPolicy.FirstForbidden(item.Title.Text).Should().BeNull();
            TextPolicy.FirstForbidden(TextOf(item)).Should().BeNull();
        }

        var ru = Parse(feed.Documents.Rss(Language.Ru, feed.Statements.Current.EntriesIn(Language.Ru))).Items.Single();
        ru.Title.Text.Should().Be("Паводок\n в Алматы", "a vertical tab was meant as a line break");
        TextOf(ru).Should().Contain("Спасатели работают обратный текст").And.Contain("Держитесь подальше");
    }

    [Fact]
    public void the_json_feed_carries_the_text_without_the_refused_characters()
    {
        PublishedWithHostileText();

        using var json = JsonDocument.Parse(feed.Documents.JsonFeed(Language.Kk, feed.Statements.Current.EntriesIn(Language.Kk), null));

        var item = json.RootElement.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("title").GetString().Should().Be("Су тасқыны");
        item.GetProperty("content_text").GetString().Should().Contain("Құтқарушылар\nжұмыс істеп жатыр кері мәтін");
    }

    [Fact]
    public void the_cap_message_and_index_render_valid_cap()
    {
        var id = PublishedWithHostileText();
        var snapshot = feed.Statements.Current;

        var alert = CapSchema.ShouldBeValidCap(feed.Cap.Write(snapshot.CapMessages[id], snapshot.CapMessages)).Root!;

        var ru = alert.Elements(Cap + "info").Single(info => info.Element(Cap + "language")!.Value == "ru-RU");
        ru.Element(Cap + "headline")!.Value.Should().Be("Паводок\n в Алматы");
        ru.Element(Cap + "description")!.Value.Should().Be("Спасатели работают обратный текст");
        ru.Element(Cap + "instruction")!.Value.Should().Be("Держитесь подальше");
        Parse(FeedDocuments.Atom(feed.Cap.Index([.. snapshot.CapMessages.Values]))).Items.Single().Title.Text.Should().Be("Alert: Су тасқыны");
    }

    [Fact]
    public void the_statement_page_writes_neither_the_refused_characters_nor_entities_for_them()
    {
        var id = PublishedWithHostileText();

        var page = StatementPage.Render(feed.Statements.Current.Entries[(id, Language.Ru)]);

        TextPolicy.FirstForbidden(page).Should().BeNull();
        page.Should().NotContain("&#x0;").And.NotContain("&#xB;").And.NotContain("&#x202E;");
        page.Should().Contain("Спасатели работают обратный текст", "Cyrillic is written as text, not numeric entities");
    }

    [Fact]
    public void the_writer_keeps_surrogate_pairs_and_drops_only_what_xml_cannot_carry() =>
        PublicText.Clean("🌊 a\u0000b\u000Bc\uD800d\u202Ee\u00A0f").Should().Be("🌊 ab\ncd" + "e\u00A0f");
}
