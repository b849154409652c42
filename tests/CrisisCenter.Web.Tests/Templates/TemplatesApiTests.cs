using System.Net;
using CrisisCenter.Application.Templates;
using CrisisCenter.Domain;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Templates;

/// <summary>Admins keep holding-statement templates; everyone signed in reads them; a press officer drafts a Holding
/// statement from one with its placeholders filled.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class TemplatesApiTests(ApiWithStaff api)
{
    private const string Templates = "/api/templates";
    private AgencyStaff Staff => api.Staff;

    private static string Template(Guid id) => $"{Templates}/{id:D}";
    private static string FromTemplate(Guid incidentId) => ApiRoutes.Statements(incidentId) + "/from-template";

    private static object Body(string name = "Mudflow: first response") => new
    {
        name,
        category = "Geo",
        content = new Dictionary<string, object>
        {
            ["kk"] = new { headline = "{region}: сел қаупі", body = "{time} жағдайы бойынша {region} аумағы бақылауда.", instruction = "Шұғыл көмек: {hotline}." },
            ["ru"] = new { headline = "{region}: угроза селя", body = "По состоянию на {time} ситуация под контролем: {region}.", instruction = "Экстренная помощь: {hotline}." },
        },
    };

    private async Task<TemplatesApi.TemplateView> CreateAsync(string name = "Mudflow: first response") =>
        await (await Staff.Admin.PostJsonAsync(Templates, Body(name))).ReadJsonAsync<TemplatesApi.TemplateView>(HttpStatusCode.Created);

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_template_an_admin_creates_is_read_by_every_signed_in_user()
    {
        var created = await CreateAsync("Read by all " + Guid.NewGuid().ToString("N")[..6]);

        var list = await Staff.PressOfficer.GetJsonAsync<List<TemplatesApi.TemplateView>>(Templates);
        var one = await Staff.Observer.GetJsonAsync<TemplatesApi.TemplateView>(Template(created.TemplateId));

        list.Should().ContainSingle(t => t.TemplateId == created.TemplateId).Which.Category.Should().Be(IncidentCategory.Geo);
        one.Content[Language.Ru].Headline.Should().Be("{region}: угроза селя");
        one.ChangedBy.Should().Be(Staff.UserIds[AgencyStaff.AdminName]);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task only_admins_create_change_or_remove_templates()
    {
        var created = await CreateAsync();

        (await Staff.PressOfficer.PostJsonAsync(Templates, Body())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Staff.Approver.PutJsonAsync(Template(created.TemplateId), Body("Renamed"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Staff.PressOfficer.DeleteAsync(Template(created.TemplateId))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Staff.PressOfficer.GetJsonAsync<TemplatesApi.TemplateView>(Template(created.TemplateId))).Name.Should().Be(created.Name);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_template_without_a_name_or_body_text_is_refused_field_by_field()
    {
        var response = await Staff.Admin.PostJsonAsync(Templates, new
        {
            name = " ",
            category = "Geo",
            content = new Dictionary<string, object> { ["ru"] = new { headline = "Заголовок", body = "" } },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors.Keys.Should().BeEquivalentTo("name", "content.ru.body");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_admin_changes_and_removes_a_template()
    {
        var created = await CreateAsync();

        var changed = await (await Staff.Admin.PutJsonAsync(Template(created.TemplateId), Body("Renamed"))).ReadJsonAsync<TemplatesApi.TemplateView>();
        changed.Name.Should().Be("Renamed");
        (await Staff.Admin.DeleteAsync(Template(created.TemplateId))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await Staff.PressOfficer.GetAsync(Template(created.TemplateId))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Staff.Admin.PutJsonAsync(Template(created.TemplateId), Body())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await Staff.PressOfficer.GetJsonAsync<List<TemplatesApi.TemplateView>>(Templates)).Should().NotContain(t => t.TemplateId == created.TemplateId);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task drafting_from_a_template_fills_the_placeholders_and_makes_a_holding_statement()
    {
        var template = await CreateAsync();
        var incident = await Staff.PressOfficer.DeclareIncidentAsync(); // region KZ-75, Almaty
        var at = new DateTimeOffset(2026, 3, 14, 9, 5, 0, TimeSpan.Zero);

        var drafted = await (await Staff.PressOfficer.PostJsonAsync(FromTemplate(incident.IncidentId), new { templateId = template.TemplateId, values = new { time = at, hotline = "109" } }))
            .ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

        var statement = await Staff.PressOfficer.GetStatementAsync(incident.IncidentId, drafted.Id!.Value);
        statement.Kind.Should().Be(StatementKind.Holding);
        statement.Status.Should().Be(StatementStatus.Draft);
        var content = statement.Revisions.Single().Content;
        var almatyTime = TemplatePlaceholders.FormatTime(at);
        content[Language.Ru].Should().Be(new StatementText("Алматы: угроза селя", $"По состоянию на {almatyTime} ситуация под контролем: Алматы.", "Экстренная помощь: 109."));
        content[Language.Kk].Headline.Should().Be("Алматы: сел қаупі");
        almatyTime.Should().StartWith("14.03.2026 1", "09:05 UTC is the afternoon in Almaty, not the morning");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task drafting_from_an_unknown_template_is_not_found()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();

        var response = await Staff.PressOfficer.PostJsonAsync(FromTemplate(incident.IncidentId), new { templateId = Guid.NewGuid() });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task drafting_from_a_template_follows_the_rules_of_drafting()
    {
        var template = await CreateAsync();
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();

        var response = await Staff.Approver.PostJsonAsync(FromTemplate(incident.IncidentId), new { templateId = template.TemplateId });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
