using System.Net;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>
/// The text policy at the API edge: a text field holding a character no public channel can carry (a control
/// character, a vertical tab pasted from a word processor, a bidi override) answers 400 naming the JSON field and the
/// code point, and appends nothing - so it can never be approved, published and take a feed down.
/// </summary>
[Collection(ApiWithStaff.Collection)]
public sealed class TextPolicyApiTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_incident_title_with_a_right_to_left_override_is_refused()
    {
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, null, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(title: "Flood in \u202Eytamla")));

        problem.Errors.Should().ContainKey("title").WhoseValue.Single().Should().Contain("U+202E").And.Contain("right-to-left override");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_statement_body_with_a_vertical_tab_is_refused_naming_the_language_field()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();
        var body = new
        {
            kind = "Holding",
            content = new Dictionary<string, object>
            {
                ["kk"] = new { headline = "Сел қаупі", body = "ТЖМ жағдайды\u000Bбақылап отыр." },
                ["ru"] = new { headline = "Угроза селя", body = "МЧС следит за ситуацией." },
            },
        };

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Statements(incident.IncidentId), body));

        problem.Errors.Should().ContainKey("content.kk.body").WhoseValue.Single().Should().Contain("U+000B").And.Contain("line break");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_situation_update_with_a_null_character_is_refused()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(text: "45 mm\u0000 of rain")));

        problem.Errors.Should().ContainKey("text").WhoseValue.Single().Should().Contain("U+0000");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_rumour_claim_with_a_control_character_is_refused()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();
        var body = new { claim = "The dam\u0001 broke", whereSeen = "Telegram", firstSeenAt = DateTimeOffset.UtcNow.AddMinutes(-5) };

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident.IncidentId, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Incident(incident.IncidentId) + "/rumors", body));

        problem.Errors.Should().ContainKey("claim").WhoseValue.Single().Should().Contain("U+0001");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task ordinary_text_with_tabs_line_breaks_and_no_break_spaces_is_accepted()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();

        using var response = await api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId),
            ApiBodies.SituationUpdate(text: "45\u00A0mm\tof rain\r\nin 12 hours 🌧 — Қазгидромет"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
