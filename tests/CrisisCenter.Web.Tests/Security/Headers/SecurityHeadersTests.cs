using System.Net;

namespace CrisisCenter.Web.Tests.Security.Headers;

/// <summary>The dashboard, its script and the API answer with headers that forbid framing, sniffing and any script
/// but the app's own files.</summary>
[Collection(SecurityApp.Collection)]
public sealed class SecurityHeadersTests(SecurityApp security)
{
    public static TheoryData<string> Paths() => ["/", "/app/main.js", "/api/auth/me", "/api/incidents", "/health/live", "/no-such-page"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task every_answer_forbids_framing_sniffing_and_referrer_leaks(string path)
    {
        using var client = security.Anonymous();
        using var response = await client.GetAsync(path);

        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Csp(response).Should().Contain("frame-ancestors 'none'");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task the_content_security_policy_allows_only_the_apps_own_scripts(string path)
    {
        using var client = security.Anonymous();
        using var response = await client.GetAsync(path);

        var directives = Csp(response).Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        directives["script-src"].Should().Be("script-src 'self'", "no inline script, no eval, no other origin");
        directives["style-src"].Should().Be("style-src 'self'");
        directives["object-src"].Should().Be("object-src 'none'");
        directives["base-uri"].Should().Be("base-uri 'none'");
        directives["default-src"].Should().Be("default-src 'self'");
    }

    [Fact]
    public async Task api_answers_are_not_cached()
    {
        using var response = await security[Staff.LeadPress].GetAsync("/api/incidents");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task the_dashboard_script_is_served_as_javascript_from_the_apps_own_origin()
    {
        using var client = security.Anonymous();
        using var response = await client.GetAsync("/app/main.js");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
    }

    private static string Csp(HttpResponseMessage response) => Header(response, "Content-Security-Policy");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : "";
}
