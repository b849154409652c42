using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using CrisisCenter.Channels.Cap;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Channels.Tests.Cap;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Domain;
using CsCheck;

namespace CrisisCenter.Channels.Tests.Feeds;

/// <summary>
/// Properties over generated text (every UTF-16 unit, weighted towards the characters that broke outputs): a text
/// the domain accepts renders in every public document (RSS, Atom, JSON Feed, CAP 1.2 against its schema, the HTML
/// page) with its words intact; any text at all - what older versions stored - still renders, cleaned.
/// </summary>
public sealed class TextPolicyOutputProperties
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.FromHours(5));

    private static readonly Gen<char> Nasty = Gen.OneOf(
        '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F', '\u0085', '\u009F', '\uD800', '\uDBFF',
        '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F', '\u2028', '\u2029',
        '\u00A0', '\u00AD', '\u200B', '\u200D', '\uFEFF', '\uFDD0', '\t', '\n', '\r', '<', '&', '"', ']', '>', 'Ж', 'ә');

    private static readonly Gen<string> Text = Gen.Frequency(
            (3, Gen.Char),
            (2, Nasty),
            (3, Gen.Char['a', 'z']),
            (1, Gen.Char['\u0400', '\u04FF']))
        .Array[1, 40]
        .Select(chars => new string(chars));

    // Mostly text the policy lets through (most raw samples hold a refused character), still decided by the domain.
    private static readonly Gen<string> MostlyAcceptable = Gen.Frequency((4, Text.Select(PublicText.Clean)), (1, Text));

    [Fact]
    public void text_the_domain_accepts_renders_unchanged_in_every_public_document() =>
        Gen.Select(MostlyAcceptable, MostlyAcceptable, MostlyAcceptable).Sample((headline, body, instruction) =>
        {
            var content = Content(headline, body, instruction);
            var incident = new Published();
            var decision = Incident.Decide(incident.State,
                new DraftStatement(incident.IncidentId, Published.By(Published.PressOfficer, 5), Guid.NewGuid(), StatementKind.Update, content), IncidentPolicy.Default);
            if (decision.IsRejected)
            {
                decision.Error.Code.Should().BeOneOf(DomainErrors.ForbiddenCharacter, DomainErrors.StatementEmptyContent, DomainErrors.Required);
                return;
            }

            var rendered = RenderEverything(content);
            rendered.RssTitle.Should().Be(AsXmlReadsIt(headline), "accepted text goes out as written");
            rendered.CapDescription.Should().Be(AsXmlReadsIt(body));
        }, iter: 300);

    [Fact]
    public void any_stored_text_renders_cleaned_in_every_public_document() =>
        Gen.Select(Text, Text, Text).Sample((headline, body, instruction) =>
        {
            var rendered = RenderEverything(Content(headline, body, instruction));
            rendered.RssTitle.Should().Be(AsXmlReadsIt(PublicText.Clean(headline)));
            TextPolicy.FirstForbidden(rendered.RssTitle).Should().BeNull();
        }, iter: 300);

    // XML 1.0 end-of-line handling: a reader sees every CR LF and lone CR as LF.
    private static string AsXmlReadsIt(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static Dictionary<Language, StatementText> Content(string headline, string body, string instruction) => new()
    {
        [Language.Kk] = new(headline, body, instruction),
        [Language.Ru] = new(headline, body, instruction),
    };

    private sealed record Rendered(string RssTitle, string CapDescription);

    /// <summary>Publishes the text as stored (bypassing the domain's check) to the website and CAP, and renders and
    /// parses every public document of it.</summary>
    private static Rendered RenderEverything(IReadOnlyDictionary<Language, StatementText> content)
    {
        var feed = new FeedScenario();
        var incident = new Published();
        var id = incident.StatementStoredBeforeTheTextPolicy(["website", "cap"], content);
        feed.Feed(incident);
        feed.Deliver(incident, id, Noon);
        var snapshot = feed.Statements.Current;
        var entries = snapshot.EntriesIn(Language.Ru);

        var rss = Parse(feed.Documents.Rss(Language.Ru, entries));
        Parse(feed.Documents.Atom(Language.Ru, entries)).Items.Should().ContainSingle();
        using (var json = JsonDocument.Parse(feed.Documents.JsonFeed(Language.Ru, entries, null)))
            json.RootElement.GetProperty("items").GetArrayLength().Should().Be(1);
        var cap = CapSchema.ShouldBeValidCap(feed.Cap.Write(snapshot.CapMessages[id], snapshot.CapMessages));
        Parse(FeedDocuments.Atom(feed.Cap.Index([.. snapshot.CapMessages.Values]))).Items.Should().ContainSingle();
        TextPolicy.FirstForbidden(StatementPage.Render(snapshot.Entries[(id, Language.Ru)])).Should().BeNull();

        var description = cap.Descendants(CapDocuments.Cap + "description").First().Value;
        return new Rendered(rss.Items.Single().Title.Text, description);
    }

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = true });
        return SyndicationFeed.Load(reader);
    }
}
