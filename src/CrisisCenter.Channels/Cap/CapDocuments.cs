using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml.Linq;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Cap;

/// <summary>CAP 1.2 (OASIS) alert documents and the Atom index that lists them. Written through
/// <see cref="XmlSafeWriter"/> (<see cref="Write"/>), so a stored text XML 1.0 cannot carry never breaks a message.</summary>
public sealed class CapDocuments(CapOptions options, PublicLinks links, string? publisherName = null)
{
    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    public const string MediaType = "application/cap+xml";

    /// <summary>CAP &lt;geocode&gt; valueName of the region codes every &lt;area&gt; carries.</summary>
    public const string IsoGeocodeName = "ISO3166-2";

    /// <summary>Stable per statement; CAP forbids spaces, commas, '&lt;' and '&amp;' in it.</summary>
    public static string Identifier(CapMessage message) => $"{message.IncidentCode}.{message.StatementId:N}";

    public static string Identifier(string incidentCode, Guid statementId) => $"{incidentCode}.{statementId:N}";

    /// <summary>CAP date-time: seconds, a numeric offset, and "-00:00" (never "Z") for UTC.</summary>
    public static string Time(DateTimeOffset at)
    {
        var text = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return at.Offset == TimeSpan.Zero ? text[..^6] + "-00:00" : text;
    }

    public static string LanguageTag(Language language) => language switch
    {
        Language.Kk => "kk-KZ",
        Language.Ru => "ru-RU",
        _ => "en-US",
    };

    /// <summary>The same documents with the links of one request (<see cref="PublicLinks.For"/>).</summary>
    public CapDocuments With(PublicLinks requestLinks) => new(options, requestLinks, publisherName);

    /// <summary>The CAP document as served: UTF-8 text, every value XML-safe.</summary>
    public string Write(CapMessage message, IReadOnlyDictionary<Guid, CapMessage> all) => XmlSafeWriter.Write(Alert(message, all));

    public XDocument Alert(CapMessage message, IReadOnlyDictionary<Guid, CapMessage> all)
    {
        var alert = new XElement(Cap + "alert",
            new XElement(Cap + "identifier", Identifier(message)),
            new XElement(Cap + "sender", options.Sender),
            new XElement(Cap + "sent", Time(message.Sent)),
            new XElement(Cap + "status", options.Status),
            new XElement(Cap + "msgType", message.Type.ToString()),
            new XElement(Cap + "scope", "Public"));
        if (CapLabels.NoteOf(message) is { } note)
            alert.Add(new XElement(Cap + "note", note));
        if (message.References.Count > 0)
        {
            alert.Add(new XElement(Cap + "references", string.Join(' ', message.References.Select(reference =>
                $"{options.Sender},{Identifier(all.TryGetValue(reference.StatementId, out var earlier) ? earlier.IncidentCode : message.IncidentCode, reference.StatementId)},{Time(reference.Sent)}"))));
        }

        alert.Add(new XElement(Cap + "incidents", message.IncidentCode));
        foreach (var language in LanguageCodes.All.Where(message.Content.ContainsKey))
            alert.Add(Info(message, language, message.Content[language]));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), alert);
    }

    private XElement Info(CapMessage message, Language language, StatementText text)
    {
        var info = new XElement(Cap + "info",
            new XElement(Cap + "language", LanguageTag(language)),
            new XElement(Cap + "category", message.Category.ToString()),
            new XElement(Cap + "event", CapLabels.EventOf(message.Category, language)),
            new XElement(Cap + "urgency", message.Type == CapMessageType.Cancel ? "Past" : message.Severity >= Severity.Severe ? "Immediate" : "Expected"),
            new XElement(Cap + "severity", message.Severity.ToString()),
            new XElement(Cap + "certainty", "Observed"));
        if (publisherName is { Length: > 0 } sender)
            info.Add(new XElement(Cap + "senderName", sender));
        info.Add(
            new XElement(Cap + "headline", CapLabels.HeadlineOf(message, language, text.Headline)),
            new XElement(Cap + "description", text.Body));
        if (text.Instruction is { Length: > 0 } instruction)
            info.Add(new XElement(Cap + "instruction", instruction));
        if (links.StatementPage(message.StatementId, language) is { } web)
            info.Add(new XElement(Cap + "web", web.ToString()));
        foreach (var code in message.Regions)
        {
            var area = new XElement(Cap + "area", new XElement(Cap + "areaDesc", Regions.TryGet(code, out var region) ? region.NameIn(language) : code));
            // The region's ISO 3166-2 code is known to the domain; configured codes (e.g. KATO) come after it.
            var geocodes = new List<KeyValuePair<string, string>> { new(IsoGeocodeName, code) };
            geocodes.AddRange((options.Geocodes.GetValueOrDefault(code) ?? []).Where(pair => pair.Key != IsoGeocodeName || pair.Value != code));
            foreach (var (valueName, value) in geocodes)
                area.Add(new XElement(Cap + "geocode", new XElement(Cap + "valueName", valueName), new XElement(Cap + "value", value)));
            info.Add(area);
        }

        return info;
    }

    /// <summary>Atom index of every message, newest first, each linking its CAP document.</summary>
    public SyndicationFeed Index(IReadOnlyCollection<CapMessage> messages)
    {
        var feed = new SyndicationFeed("CAP 1.2", "Public warnings (CAP 1.2)", links.Absolute("/"))
        {
            Id = "tag:crisiscenter,2026:cap",
            LastUpdatedTime = messages.Count == 0 ? DateTimeOffset.UnixEpoch : messages.Max(m => m.Sent),
        };
        // RFC 4287: a feed names its author (here the press service, as the feeds do) and links itself.
        feed.Authors.Add(new SyndicationPerson(null, publisherName is { Length: > 0 } name ? name : FeedLabels.PressService(Language.En), links.Absolute("/")?.ToString()));
        if (links.Absolute(PublicRoutes.CapIndex) is { } self) feed.Links.Add(SyndicationLink.CreateSelfLink(self, "application/atom+xml"));
        feed.Items = [.. messages.OrderByDescending(m => m.Sent).Select(message =>
        {
            var headline = message.Content.OrderBy(pair => pair.Key).First().Value.Headline;
            var item = new SyndicationItem($"{message.Type}: {headline}", "", null, "tag:crisiscenter,2026:cap/" + Identifier(message), message.Sent)
            {
                PublishDate = message.Sent,
            };
            var documentUrl = links.Absolute(PublicRoutes.CapMessage(message.StatementId)) ?? new Uri(PublicRoutes.CapMessage(message.StatementId), UriKind.Relative);
            item.Links.Add(new SyndicationLink(documentUrl, "alternate", Identifier(message), MediaType, 0));
            return item;
        })];
        return feed;
    }
}
