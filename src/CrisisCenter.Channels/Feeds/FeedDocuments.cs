using System.ServiceModel.Syndication;
using System.Text.Json;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 (System.ServiceModel.Syndication) and JSON Feed 1.1 documents of one language. Links come from
/// <see cref="PublicLinks"/>: the endpoints pass the links of the request (<see cref="PublicLinks.For"/>), so every
/// document carries them even without a configured base URL. Text goes out through <see cref="PublicText"/> (XML
/// through <see cref="XmlSafeWriter"/>), so an old stored event with a control character never breaks a feed.
/// </summary>
public sealed class FeedDocuments(PublicLinks links, string? publisherName = null)
{
    public const string StatusCategoryScheme = "urn:crisiscenter:status";

    /// <summary>The same documents with the links of one request.</summary>
    public FeedDocuments With(PublicLinks requestLinks) => new(requestLinks, publisherName);

    public SyndicationFeed Feed(Language language, IReadOnlyList<FeedEntry> entries)
    {
        var feed = new SyndicationFeed(FeedLabels.FeedTitle(language), FeedLabels.FeedTitle(language), links.Absolute("/"))
        {
            Id = $"tag:crisiscenter,2026:feed/{language.ToCode()}",
            Language = language.ToCode(),
            LastUpdatedTime = entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated),
            Items = [.. entries.Select(Item)],
        };
        return feed;
    }

    /// <summary>RSS 2.0 of one language: channel link (the site), each item's link to its page, and (as Atom
    /// extension elements) rel="self" and the related links between a corrected statement and its correction.</summary>
    public string Rss(Language language, IReadOnlyList<FeedEntry> entries) =>
        Rss(WithSelf(Feed(language, entries), PublicRoutes.Rss(language), "application/rss+xml"));

    /// <summary>Atom 1.0 of one language: the publisher as author (RFC 4287 §4.1.1), rel="self", rel="alternate".</summary>
    public string Atom(Language language, IReadOnlyList<FeedEntry> entries)
    {
        var feed = WithSelf(Feed(language, entries), PublicRoutes.Atom(language), "application/atom+xml");
        feed.Authors.Add(Publisher(language));
        return Atom(feed);
    }

    private SyndicationFeed WithSelf(SyndicationFeed feed, string path, string mediaType)
    {
        if (links.Absolute(path) is { } self) feed.Links.Add(SyndicationLink.CreateSelfLink(self, mediaType));
        return feed;
    }

    /// <summary>Who publishes: the configured press service, else "Press service" in the feed's language.</summary>
    public SyndicationPerson Publisher(Language language) =>
        new(null, publisherName is { Length: > 0 } name ? name : FeedLabels.PressService(language), links.Absolute("/")?.ToString());

    private SyndicationItem Item(FeedEntry entry)
    {
        var page = links.StatementPage(entry.StatementId, entry.Language);
        var item = new SyndicationItem(FeedLabels.TitleOf(entry), FeedLabels.BodyOf(entry), page, entry.Id, entry.Updated)
        {
            PublishDate = entry.Published,
        };
        item.Categories.Add(new SyndicationCategory(entry.Kind.ToString(), "urn:crisiscenter:kind", entry.Kind.ToString()));
        item.Categories.Add(new SyndicationCategory(entry.IncidentCode, "urn:crisiscenter:incident", entry.IncidentTitle));
        if (entry.Status != FeedEntryStatus.Published)
            item.Categories.Add(new SyndicationCategory(entry.Status.ToString().ToLowerInvariant(), StatusCategoryScheme, StatusLabel(entry)));
        if (entry.AmendedBy is { } amendedBy && links.StatementPage(amendedBy, entry.Language) is { } amendment)
            item.Links.Add(new SyndicationLink(amendment, "related", FeedLabels.SeeAmendment(entry.Language), "text/html", 0));
        if (entry.Amends is { } amends && links.StatementPage(amends, entry.Language) is { } original)
            item.Links.Add(new SyndicationLink(original, "related", FeedLabels.SeeAmendment(entry.Language), "text/html", 0));
        return item;
    }

    public static string Rss(SyndicationFeed feed) => Write(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true));

    public static string Atom(SyndicationFeed feed) => Write(new Atom10FeedFormatter(feed));

    private static string Write(SyndicationFeedFormatter formatter) => XmlSafeWriter.Write(formatter.WriteTo);

    /// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with our status in a "_crisiscenter" extension.</summary>
    public byte[] JsonFeed(Language language, IReadOnlyList<FeedEntry> entries, Uri? feedUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", FeedLabels.FeedTitle(language));
            json.WriteString("language", language.ToCode());
            if (links.Absolute("/") is { } home) json.WriteString("home_page_url", home.ToString());
            if ((feedUrl ?? links.Absolute(PublicRoutes.JsonFeed(language))) is { } self) json.WriteString("feed_url", self.ToString());
            json.WriteStartArray("authors");
            json.WriteStartObject();
            var publisher = Publisher(language);
            json.WriteString("name", publisher.Name);
            if (publisher.Uri is { } publisherUrl) json.WriteString("url", publisherUrl);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("items");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                if (links.StatementPage(entry.StatementId, entry.Language) is { } page) json.WriteString("url", page.ToString());
                json.WriteString("title", PublicText.Clean(FeedLabels.TitleOf(entry)));
                json.WriteString("content_text", PublicText.Clean(FeedLabels.BodyOf(entry)));
                json.WriteString("date_published", entry.Published.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("date_modified", entry.Updated.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("language", entry.Language.ToCode());
                json.WriteStartArray("tags");
                json.WriteStringValue(PublicText.Clean(entry.IncidentCode));
                json.WriteStringValue(entry.Kind.ToString());
                if (entry.Status != FeedEntryStatus.Published) json.WriteStringValue(entry.Status.ToString().ToLowerInvariant());
                json.WriteEndArray();
                json.WriteStartObject("_crisiscenter");
                json.WriteString("status", entry.Status.ToString().ToLowerInvariant());
                json.WriteString("statement_id", entry.StatementId.ToString("D"));
                json.WriteNumber("revision", entry.Revision);
                json.WriteString("incident_code", PublicText.Clean(entry.IncidentCode));
                if (entry.AmendedBy is { } amendment && links.StatementPage(amendment, entry.Language) is { } amendmentPage)
                    json.WriteString("amended_by_url", amendmentPage.ToString());
                if (entry.AmendedBy is { } amendedBy) json.WriteString("amended_by", amendedBy.ToString("D"));
                if (entry.Amends is { } amends) json.WriteString("amends", amends.ToString("D"));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string StatusLabel(FeedEntry entry) =>
        entry.Status == FeedEntryStatus.Retracted ? FeedLabels.Retracted(entry.Language) : FeedLabels.Corrected(entry.Language);
}
