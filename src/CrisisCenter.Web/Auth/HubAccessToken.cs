namespace CrisisCenter.Web.Auth;

/// <summary>
/// Browsers cannot put an Authorization header on a WebSocket or EventSource request, so SignalR clients send the
/// bearer token as the <c>access_token</c> query parameter. It is read on hub paths only: anywhere else a token in
/// a URL would end up in links, history and referrers.
/// </summary>
public static class HubAccessToken
{
    public const string QueryParameter = "access_token";

    public static readonly PathString HubPaths = new("/hubs");

    /// <summary>The token of a hub request that carries one in its query string, else null.</summary>
    public static string? From(HttpRequest request) =>
        request.Path.StartsWithSegments(HubPaths) && request.Query[QueryParameter].ToString() is { Length: > 0 } token
            ? token
            : null;
}
