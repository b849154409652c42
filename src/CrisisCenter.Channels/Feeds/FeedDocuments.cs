using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>RSS 2.0 and Atom 1.0 (System.ServiceModel.Syndication) and JSON Feed 1.1 documents of one language.</summary>
public sealed class FeedDocuments(PublicLinks links)
{
    public const string StatusCategoryScheme = "urn:crisiscenter:status";

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

    public static string Rss(SyndicationFeed feed) => Write(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false));

    public static string Atom(SyndicationFeed feed) => Write(new Atom10FeedFormatter(feed));

    private static string Write(SyndicationFeedFormatter formatter)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
            formatter.WriteTo(writer);
        // StringBuilder output declares utf-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

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
            if (feedUrl is not null) json.WriteString("feed_url", feedUrl.ToString());
            json.WriteStartArray("items");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                if (links.StatementPage(entry.StatementId, entry.Language) is { } page) json.WriteString("url", page.ToString());
                json.WriteString("title", FeedLabels.TitleOf(entry));
                json.WriteString("content_text", FeedLabels.BodyOf(entry));
                json.WriteString("date_published", entry.Published.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("date_modified", entry.Updated.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("language", entry.Language.ToCode());
                json.WriteStartArray("tags");
                json.WriteStringValue(entry.IncidentCode);
                json.WriteStringValue(entry.Kind.ToString());
                if (entry.Status != FeedEntryStatus.Published) json.WriteStringValue(entry.Status.ToString().ToLowerInvariant());
                json.WriteEndArray();
                json.WriteStartObject("_crisiscenter");
                json.WriteString("status", entry.Status.ToString().ToLowerInvariant());
                json.WriteString("statement_id", entry.StatementId.ToString("D"));
                json.WriteNumber("revision", entry.Revision);
                json.WriteString("incident_code", entry.IncidentCode);
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
