using CrisisCenter.Domain;

namespace CrisisCenter.Channels;

/// <summary>The public routes, in one place (endpoints map them, links point at them).</summary>
public static class PublicRoutes
{
    public static string StatementPage(Guid statementId, Language language) => $"/public/{language.ToCode()}/statements/{statementId:D}";

    public static string Rss(Language language) => $"/feeds/{language.ToCode()}/rss.xml";

    public static string Atom(Language language) => $"/feeds/{language.ToCode()}/atom.xml";

    public static string JsonFeed(Language language) => $"/feeds/{language.ToCode()}/feed.json";

    public const string CapIndex = "/cap/index.atom";

    public static string CapMessage(Guid statementId) => $"/cap/messages/{statementId:D}.xml";
}
