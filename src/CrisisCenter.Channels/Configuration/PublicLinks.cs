using CrisisCenter.Domain;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels;

/// <summary>Public URLs of statements, feeds and CAP messages under <see cref="ChannelsOptions.PublicBaseUrl"/>.</summary>
public sealed class PublicLinks(IOptions<ChannelsOptions> options)
{
    private readonly Uri? baseUrl = options.Value.PublicBaseUrl;

    public Uri? StatementPage(Guid statementId, Language language) => Absolute(PublicRoutes.StatementPage(statementId, language));

    public Uri? CapMessage(Guid statementId) => Absolute(PublicRoutes.CapMessage(statementId));

    public Uri? Absolute(string path) => baseUrl is null ? null : new Uri(baseUrl, path.TrimStart('/'));
}
