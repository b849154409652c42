using System.Net;
using System.Text;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Security.Matrix;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>Plain regression tests for what the fuzz found, one per finding.</summary>
[Collection(SecurityApp.Collection)]
public sealed class FuzzFindingsTests(SecurityApp security)
{
    /// <summary>Found by the fuzz: the JSON reader threw InvalidOperationException for an unknown charset (a 500).</summary>
    [Fact]
    public async Task a_json_body_in_an_unknown_charset_is_refused_as_unsupported()
    {
        var (incident, _) = await new IncidentArrangements(security).DeclareAsync("Normal");

        var problem = await security.App.ShouldRejectAsync(HttpStatusCode.UnsupportedMediaType, incident, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incident}/stabilize")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"note\":\"Water receding.\"}")),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=nonsense");
            return await security[Staff.LeadPress].SendAsync(request);
        });

        problem.Detail.Should().Contain("nonsense");
    }

    /// <summary>Found by the fuzz: a 'to' at the start of the calendar made the default 'from' (30 days earlier)
    /// unrepresentable (ArgumentOutOfRangeException, a 500).</summary>
    [Fact]
    public async Task agency_kpis_up_to_the_first_moment_of_the_calendar_are_a_problem_not_a_crash()
    {
        using var response = await security[Staff.LeadPress].GetAsync("/api/kpis?to=0001-01-01T00:00:00Z");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey("from");
    }
}
