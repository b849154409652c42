using System.Globalization;
using System.Text;
using CrisisCenter.Channels.Cap;
using CrisisCenter.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// Public, unauthenticated feeds and pages: per language RSS 2.0, Atom 1.0, JSON Feed 1.1 and one HTML page per
/// statement; the CAP Atom index and CAP documents. Every answer carries an ETag (the store position the content
/// was built at) and Last-Modified, and answers 304 to a matching If-None-Match / If-Modified-Since.
/// </summary>
public static class PublicFeedsEndpoints
{
    public static IEndpointRouteBuilder MapPublicFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("").AllowAnonymous().WithTags("Public feeds");

        // Documents carry the links of the request when Channels:PublicBaseUrl is unset (PublicLinks.For).
        feeds.MapGet("/feeds/{language}/rss.xml", (string language, HttpContext http, PublicStatements statements, FeedDocuments documents, PublicLinks links) =>
            WithLanguage(language, lang => Feed(http, statements, lang, "rss", "application/rss+xml; charset=utf-8",
                entries => Encoding.UTF8.GetBytes(documents.With(links.For(http.Request)).Rss(lang, entries)))));

        feeds.MapGet("/feeds/{language}/atom.xml", (string language, HttpContext http, PublicStatements statements, FeedDocuments documents, PublicLinks links) =>
            WithLanguage(language, lang => Feed(http, statements, lang, "atom", "application/atom+xml; charset=utf-8",
                entries => Encoding.UTF8.GetBytes(documents.With(links.For(http.Request)).Atom(lang, entries)))));

        feeds.MapGet("/feeds/{language}/feed.json", (string language, HttpContext http, PublicStatements statements, FeedDocuments documents, PublicLinks links) =>
            WithLanguage(language, lang => Feed(http, statements, lang, "json", "application/feed+json; charset=utf-8",
                entries => documents.With(links.For(http.Request)).JsonFeed(lang, entries, feedUrl: null))));

        feeds.MapGet("/public/{language}/statements/{statementId:guid}", (string language, Guid statementId, HttpContext http, PublicStatements statements, OfficeTimeZone office) =>
            WithLanguage(language, lang =>
            {
                var snapshot = statements.Current;
                return snapshot.Entries.TryGetValue((statementId, lang), out var entry)
                    ? Cached(http, $"page-{statementId:N}-{lang.ToCode()}", snapshot.Position, entry.Updated, "text/html; charset=utf-8",
                        () => Encoding.UTF8.GetBytes(StatementPage.Render(entry, office)))
                    : Results.NotFound();
            }));

        feeds.MapGet(PublicRoutes.CapIndex, (HttpContext http, PublicStatements statements, CapDocuments cap, PublicLinks links) =>
        {
            var snapshot = statements.Current;
            var messages = snapshot.CapMessages.Values.ToList();
            return Cached(http, "cap", snapshot.Position, messages.Count == 0 ? DateTimeOffset.UnixEpoch : messages.Max(m => m.Sent),
                "application/atom+xml; charset=utf-8", () => Encoding.UTF8.GetBytes(FeedDocuments.Atom(cap.With(links.For(http.Request)).Index(messages))));
        });

        feeds.MapGet("/cap/messages/{statementId:guid}.xml", (Guid statementId, HttpContext http, PublicStatements statements, CapDocuments cap, PublicLinks links) =>
        {
            var snapshot = statements.Current;
            if (!snapshot.CapMessages.TryGetValue(statementId, out var message)) return Results.NotFound();
            // A CAP message never changes once sent: its ETag is its identifier.
            return Cached(http, CapDocuments.Identifier(message), position: null, message.Sent, CapDocuments.MediaType + "; charset=utf-8", () =>
                Encoding.UTF8.GetBytes(cap.With(links.For(http.Request)).Write(message, snapshot.CapMessages)));
        });

        return app;
    }

    private static IResult WithLanguage(string code, Func<Language, IResult> answer) =>
        LanguageCodes.TryParse(code, out var language) && code == language.ToCode() ? answer(language) : Results.NotFound();

    private static IResult Feed(HttpContext http, PublicStatements statements, Language language, string format, string contentType, Func<IReadOnlyList<FeedEntry>, byte[]> render)
    {
        var snapshot = statements.Current;
        var entries = snapshot.EntriesIn(language);
        var lastModified = entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated);
        return Cached(http, $"{format}-{language.ToCode()}", snapshot.Position, lastModified, contentType, () => render(entries));
    }

    private static IResult Cached(HttpContext http, string name, long? position, DateTimeOffset lastModified, string contentType, Func<byte[]> render)
    {
        var etag = new EntityTagHeaderValue($"\"{name}{(position is { } p ? "-" + p.ToString(CultureInfo.InvariantCulture) : "")}\"");
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = TruncateToSeconds(lastModified);
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(30) };

        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && TruncateToSeconds(lastModified) <= since;
        return notModified ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(render(), contentType);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);
}
