using System.Globalization;
using System.Net;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Incidents;

[Collection(ApiWithStaff.Collection)]
public sealed class IncidentCodeTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_refused_declaration_takes_no_code_so_the_codes_of_a_year_stay_consecutive()
    {
        var before = await api.Staff.PressOfficer.DeclareIncidentAsync();
        await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, null, () =>
            api.Staff.Observer.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(leadAgency: "AKIMAT-KZ-75")));
        await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, null, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(regions: ["KZ-01"])));

        var after = await api.Staff.PressOfficer.DeclareIncidentAsync();

        Number(after.Code!).Should().Be(Number(before.Code!) + 1);
    }

    private static int Number(string code) => int.Parse(code[(code.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
}
