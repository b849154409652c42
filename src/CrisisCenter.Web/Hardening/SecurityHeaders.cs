namespace CrisisCenter.Web.Hardening;

/// <summary>
/// Response headers that keep the dashboard from being framed, sniffed or made to run anything but its own
/// script file (<c>/app/main.js</c>): no inline script, no inline style, no eval, no third-party origin. API answers
/// get the same headers (they cost nothing) plus <c>Cache-Control: no-store</c>, since they carry incident data.
/// HSTS is added by <c>UseHsts</c> outside development (see Program).
/// </summary>
public static class SecurityHeaders
{
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Scalar API reference (developer tooling, no incident data of its own) starts itself with an
    /// inline script; it gets that and nothing more.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly PathString ApiReference = new("/scalar");
    private static readonly PathString Api = new("/api");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint that set its own policy (the printable report: no script at all) keeps it.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReference) ? ApiReferencePolicy : DashboardPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = headers.ContentSecurityPolicy.ToString().Contains("frame-ancestors 'self'", StringComparison.Ordinal) ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments(Api)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
