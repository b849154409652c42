using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>The public HTML page of one statement in one language. Every piece of text is cleaned
/// (<see cref="PublicText"/>) and HTML-encoded; letters of every script are written as text, not numeric entities.</summary>
public static class StatementPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="zone">The office's zone the times are shown in (UTC when not given).</param>
    public static string Render(FeedEntry entry, OfficeTimeZone? zone = null)
    {
        zone ??= OfficeTimeZone.Utc;
        var html = new CleanEncoder();
        var language = entry.Language;
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $"<!doctype html>\n<html lang=\"{entry.Language.ToCode()}\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        page.Append(CultureInfo.InvariantCulture, $"<title>{html.Encode(FeedLabels.TitleOf(entry))}</title></head>\n<body>\n<article data-status=\"{entry.Status.ToString().ToLowerInvariant()}\">\n");
        if (entry.Status != Feeds.FeedEntryStatus.Published)
        {
            var label = entry.Status == FeedEntryStatus.Retracted ? FeedLabels.Retracted(language) : FeedLabels.Corrected(language);
            page.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\"><strong>{html.Encode(label)}</strong>");
            if (entry.AmendedBy is { } amendedBy)
                page.Append(CultureInfo.InvariantCulture, $" <a href=\"{html.Encode(PublicRoutes.StatementPage(amendedBy, language))}\">{html.Encode(FeedLabels.SeeAmendment(language))}</a>");
            page.Append("</p>\n");
        }

        page.Append(CultureInfo.InvariantCulture, $"<h1>{html.Encode(FeedLabels.TitleOf(entry))}</h1>\n");
        page.Append(CultureInfo.InvariantCulture, $"<p><small>{html.Encode(entry.IncidentCode)} · <time datetime=\"{zone.Local(entry.Published):yyyy-MM-dd'T'HH:mm:sszzz}\">{System.Net.WebUtility.HtmlEncode(zone.Show(entry.Published))}</time></small></p>\n");
        if (entry.VisibleText is { } text)
        {
            foreach (var paragraph in text.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                page.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(paragraph)}</p>\n");
            if (text.Instruction is { Length: > 0 } instruction)
                page.Append(CultureInfo.InvariantCulture, $"<p class=\"instruction\"><strong>{html.Encode(FeedLabels.Instruction(language))}:</strong> {html.Encode(instruction)}</p>\n");
        }
        else
        {
            page.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(FeedLabels.Withdrawn(language))}</p>\n");
        }

        if (entry.Amends is { } amends)
            page.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{html.Encode(PublicRoutes.StatementPage(amends, language))}\">{html.Encode(FeedLabels.SeeAmendment(language))}</a></p>\n");
        page.Append("</article>\n</body>\n</html>\n");
        return page.ToString();
    }

    private readonly struct CleanEncoder
    {
        public string Encode(string? text) => Encoder.Encode(PublicText.Clean(text));
    }
}
