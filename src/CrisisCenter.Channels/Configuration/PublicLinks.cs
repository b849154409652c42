using CrisisCenter.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels;

/// <summary>Public URLs of statements, feeds and CAP messages under <see cref="ChannelsOptions.PublicBaseUrl"/>.</summary>
public sealed class PublicLinks
{
    private readonly Uri? baseUrl;

    public PublicLinks(IOptions<ChannelsOptions> options)
        : this(options.Value.PublicBaseUrl)
    {
    }

    private PublicLinks(Uri? baseUrl) => this.baseUrl = baseUrl;

    /// <summary>True when links can be made (a base URL is configured, or these links answer a request).</summary>
    public bool HasBase => baseUrl is not null;

    /// <summary>
    /// The links a public document served to <paramref name="request"/> carries: under the configured base URL, or -
    /// when none is configured - under the scheme, host and path base the reader used, so a feed always has the links
    /// its format requires (RSS channel link, Atom self, JSON Feed URLs) and a reader can follow them back.
    /// </summary>
    public PublicLinks For(HttpRequest request) =>
        baseUrl is not null ? this : new PublicLinks(new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent().TrimEnd('/')}/"));

    public Uri? StatementPage(Guid statementId, Language language) => Absolute(PublicRoutes.StatementPage(statementId, language));

    public Uri? CapMessage(Guid statementId) => Absolute(PublicRoutes.CapMessage(statementId));

    public Uri? Absolute(string path) => baseUrl is null ? null : new Uri(baseUrl, path.TrimStart('/'));
}
