using System.Net;
using System.Net.Http.Json;
using System.Text;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Security.Csrf;

/// <summary>
/// What a cross-site page can make a signed-in browser send without a CORS preflight is a "simple" request: GET/POST
/// with a form or text/plain body. The dashboard cookie is SameSite=Strict, and on top of that no state-changing
/// endpoint accepts such a body, so a forged form post changes nothing.
/// </summary>
[Collection(SecurityApp.Collection)]
public sealed class CrossSiteWriteTests(SecurityApp security)
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task a_cookie_authenticated_write_with_a_form_or_text_body_is_refused_and_changes_nothing(string contentType)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = security.App.BaseAddress };
        using (var login = await browser.PostAsJsonAsync("/api/auth/login", new { userName = Staff.LeadPress.UserName, password = CrisisCenterApp.Password }))
            login.StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await security.App.Store.GetLastPositionAsync();

        var forged = new StringContent("""{"title":"Forged","category":"Met","severity":"Minor","regions":["KZ-75"]}""", Encoding.UTF8);
        forged.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await browser.PostAsync("/api/incidents", forged);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await security.App.Store.GetLastPositionAsync()).Should().Be(before);
    }

    [Fact]
    public async Task the_dashboard_cookie_is_http_only_and_same_site_strict()
    {
        using var client = security.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = Staff.LeadPress.UserName, password = CrisisCenterApp.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crisiscenter.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
    }
}
