using System.Net;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>413: bodies over 1 MiB are refused before anything reads them as a command.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class PayloadTooLargeTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_body_over_one_mebibyte_is_refused()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();
        var body = ApiBodies.SituationUpdate(text: new string('x', (int)ApiJson.MaxRequestBodyBytes + 1));

        await api.App.ShouldRejectAsync(HttpStatusCode.RequestEntityTooLarge, incident.IncidentId, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), body));
    }
}
