using System.Net;
using CrisisCenter.Web.Errors;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>400: input the API cannot take as it is, named field by field where it can be.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class ValidationErrorTests(ApiWithStaff api)
{
    private HttpClient Press => api.Staff.PressOfficer;

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_declaration_without_title_or_regions_names_both_fields()
    {
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, null, () =>
            Press.PostJsonAsync(ApiRoutes.Incidents, new { category = "Geo", severity = "Minor" }));

        problem.Type.Should().Be(ProblemTypes.Validation);
        problem.Errors.Keys.Should().Contain(["title", "regions"]);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_title_longer_than_200_characters_is_named_with_its_limit()
    {
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, null, () =>
            Press.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(title: new string('a', 201))));

        problem.Errors.Should().ContainKey("title").WhoseValue.Should().ContainSingle().Which.Should().Contain("200");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_situation_update_longer_than_its_limit_is_named_with_its_limit()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(text: new string('x', 5_001))));

        problem.Errors.Should().ContainKey("text").WhoseValue.Should().ContainSingle().Which.Should().Contain("5000");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_statement_without_any_text_names_its_content()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostJsonAsync(ApiRoutes.Statements(incident.IncidentId), new { kind = "Holding", content = new { } }));

        problem.Errors.Keys.Should().Equal("content");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task malformed_json_is_a_bad_request()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostRawJsonAsync(ApiRoutes.Updates(incident.IncidentId), """{"text": "Rain in the upper valley", "language": "en", """));

        problem.Title.Should().Be("Malformed JSON");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_unknown_severity_is_a_bad_request()
    {
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, null, () =>
            Press.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(severity: "Catastrophic")));

        problem.Detail.Should().Contain("severity", "the answer points at the property it could not read");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_unknown_language_of_a_situation_update_is_a_bad_request()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(language: "fr")));

        problem.Detail.Should().Contain("kk, ru or en");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task statement_text_in_an_unknown_language_is_a_bad_request()
    {
        var incident = await Press.DeclareIncidentAsync();
        var body = new
        {
            kind = "Holding",
            content = new Dictionary<string, object> { ["de"] = new { headline = "Murgang-Gefahr", body = "Bleiben Sie den Flussbetten fern." } },
        };

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostJsonAsync(ApiRoutes.Statements(incident.IncidentId), body));

        problem.Detail.Should().Contain("'de' is not a language");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_property_given_twice_is_a_bad_request_not_last_one_wins()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostRawJsonAsync(ApiRoutes.Updates(incident.IncidentId),
                """{"text": "120 residents evacuated", "text": "12 residents evacuated", "language": "en", "source": "Akimat", "verified": true}"""));

        problem.Title.Should().Be("Malformed JSON");
        problem.Detail.Should().Contain("text");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_request_without_a_body_is_a_bad_request()
    {
        var incident = await Press.DeclareIncidentAsync();

        await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostAsync(ApiRoutes.Updates(incident.IncidentId), new StringContent("", System.Text.Encoding.UTF8, "application/json")));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_if_match_that_is_not_a_revision_is_named()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(), ifMatch: "\"latest\""));

        problem.Errors.Keys.Should().Equal("If-Match");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_idempotency_key_over_200_characters_is_named()
    {
        var incident = await Press.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            Press.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(), idempotencyKey: new string('k', 201)));

        problem.Errors.Keys.Should().Equal("Idempotency-Key");
    }
}
