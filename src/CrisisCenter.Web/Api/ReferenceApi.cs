using CrisisCenter.Application.Agencies;
using CrisisCenter.Domain;
using CrisisCenter.Web.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Api;

public static class ReferenceApi
{
    public static RouteGroupBuilder MapReferenceApi(this RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference data");
        reference.MapGet("/regions", () => TypedResults.Ok(Regions.All)).WithSummary("Regions and cities of republican significance (ISO 3166-2:KZ) with kk/ru/en names.");
        reference.MapGet("/agencies", () => TypedResults.Ok(AgencyCatalog.All)).WithSummary("Agencies: central bodies and akimats.");
        reference.MapGet("/office", (IOptions<CrisisCenterOptions> options) => TypedResults.Ok(new OfficeSettings(options.Value.TimeZone)))
            .WithSummary("The office's settings the dashboard follows: its time zone (CrisisCenter:TimeZone), on whose clock dates are shown and typed.");
        return api;
    }

    /// <summary>What the dashboard needs to know about the deployment's office.</summary>
    public sealed record OfficeSettings(string TimeZone);
}
