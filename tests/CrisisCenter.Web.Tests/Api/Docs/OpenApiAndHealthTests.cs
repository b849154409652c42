using System.Net;
using System.Text.Json;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Docs;

/// <summary>What operators and API client authors rely on without signing in: the OpenAPI document, the docs page, health.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class OpenApiAndHealthTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_openapi_document_lists_the_main_routes_with_their_methods()
    {
        using var anonymous = api.App.Anonymous();
        using var response = await anonymous.GetAsync(ApiRoutes.OpenApi);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        document.RootElement.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = document.RootElement.GetProperty("paths");
        string[] Methods(string path) => paths.TryGetProperty(path, out var item) ? [.. item.EnumerateObject().Select(p => p.Name)] : [];

        Methods("/api/auth/token").Should().Contain("post");
        Methods("/api/incidents").Should().Contain(["get", "post"]);
        Methods("/api/incidents/{id}").Should().Contain("get");
        Methods("/api/incidents/{id}/updates").Should().Contain("post");
        Methods("/api/incidents/{id}/statements").Should().Contain(["get", "post"]);
        Methods("/api/incidents/{id}/statements/{statementId}/submit").Should().Contain("post");
        Methods("/api/incidents/{id}/statements/{statementId}/approve").Should().Contain("post");
        Methods("/api/incidents/{id}/statements/{statementId}/publish").Should().Contain("post");
        Methods("/api/incidents/{id}/rumors").Should().Contain("post");
        Methods("/api/incidents/{id}/close").Should().Contain("post");
        Methods("/api/incidents/{id}/timeline").Should().Contain("get");
        Methods("/api/incidents/{id}/kpis").Should().Contain("get");
        Methods("/api/incidents/{id}/verify").Should().Contain("get");
        Methods("/api/approvals").Should().Contain("get");
        Methods("/api/users").Should().Contain(["get", "post"]);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_interactive_api_docs_page_is_served()
    {
        using var anonymous = api.App.Anonymous();
        using var response = await anonymous.GetAsync("/scalar");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
    }

    [Theory(Timeout = TestTimeouts.Request)]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task health_endpoints_answer_healthy(string path)
    {
        using var anonymous = api.App.Anonymous();
        using var response = await anonymous.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
