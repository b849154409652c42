using CrisisCenter.Application.Agencies;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.Api;

public static class ReferenceApi
{
    public static RouteGroupBuilder MapReferenceApi(this RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference data");
        reference.MapGet("/regions", () => TypedResults.Ok(Regions.All)).WithSummary("Regions and cities of republican significance (ISO 3166-2:KZ) with kk/ru/en names.");
        reference.MapGet("/agencies", () => TypedResults.Ok(AgencyCatalog.All)).WithSummary("Agencies: central bodies and akimats.");
        return api;
    }
}
