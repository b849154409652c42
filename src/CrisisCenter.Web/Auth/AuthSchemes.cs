namespace CrisisCenter.Web.Auth;

public static class AuthSchemes
{
    public const string Cookie = "cookie";
    public const string Bearer = "bearer";
    /// <summary>Chooses bearer when the request carries an Authorization header (or, on hub paths, an access_token
    /// query parameter: see <see cref="HubAccessToken"/>), the cookie otherwise.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";
}
