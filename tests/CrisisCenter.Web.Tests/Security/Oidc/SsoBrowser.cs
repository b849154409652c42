using System.Net;

namespace CrisisCenter.Web.Tests.Security.Oidc;

/// <summary>
/// What a browser does in a sign-in: keeps cookies (per host, as a browser would) and follows each redirect itself,
/// so the test sees every hop (app → provider → app callback → app).
/// </summary>
public sealed class SsoBrowser(Uri app) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = app,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public List<Uri> Hops { get; } = [];

    public HttpClient Http => _http;

    /// <summary>Follows redirects from <paramref name="path"/> (at most 10) and returns where the browser ends up.</summary>
    public async Task<Uri> NavigateAsync(string path)
    {
        var next = new Uri(app, path);
        for (var i = 0; i < 10; i++)
        {
            Hops.Add(next);
            using var response = await _http.GetAsync(next);
            if ((int)response.StatusCode is < 300 or >= 400) return next;
            var location = response.Headers.Location ?? throw new InvalidOperationException($"{next} redirected nowhere.");
            next = location.IsAbsoluteUri ? location : new Uri(next, location);
        }
        throw new InvalidOperationException("Too many redirects: " + string.Join(" → ", Hops));
    }

    public void Dispose() => _http.Dispose();
}
