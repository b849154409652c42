namespace CrisisCenter.Web.Api;

public static class CrisisCenterApi
{
    /// <summary>Every /api route except sign-in. Each requires a signed-in user; the domain and the read
    /// side decide what that user may do and see.</summary>
    public static IEndpointRouteBuilder MapCrisisCenterApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization(Auth.AccessPolicies.SignedIn).AddEndpointFilter<ValidateInputFilter>();

        var incidents = api.MapGroup("/incidents").WithTags("Incidents").MapDeclareIncidentApi().MapBoardApi();
        var incident = incidents.MapGroup("/{id:guid}");
        incident.MapIncidentQueriesApi()
            .MapIncidentReadModelsApi()
            .MapIncidentReportsApi()
            .MapIncidentLifecycleApi()
            .MapStatementsApi()
            .MapChannelPostsApi()
            .MapIncidentChannelsApi()
            .MapDraftFromTemplateApi()
            .MapSituationUpdatesApi()
            .MapRumorsApi();
        api.MapReferenceApi().MapUsersApi().MapApprovalsApi().MapAgencyKpisApi().MapTemplatesApi().MapChannelsApi();
        Audit.AuditApi.MapAuditApi(api);
        return routes;
    }
}
