using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Agencies;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrisisCenter.Web.Api;

public static class UsersApi
{
    public const string AdminPolicy = AccessPolicies.Admin;

    public sealed record UserView(string UserId, string UserName, string DisplayName, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode, bool CanLogRegionalUpdates, bool Disabled);

    public sealed record NewUserBody(string UserName, string DisplayName, string Password, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode, bool CanLogRegionalUpdates) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate()
        {
            var problems = new Dictionary<string, string[]>(ToAccount().Validate());
            if (!string.IsNullOrWhiteSpace(AgencyCode) && !AgencyCatalog.IsKnown(AgencyCode)) problems["agencyCode"] = ["Unknown agency code (see /api/reference/agencies)."];
            return problems;
        }

        public NewAccount ToAccount() => new(UserName, DisplayName, Password, AgencyCode, Roles ?? [], RegionCode, CanLogRegionalUpdates);
    }

    public sealed record DisableBody(string Reason) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("reason", Reason, Limits.MaxReasonLength).ToDictionary();
    }

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(AdminPolicy);

        users.MapGet("/", async (AccountDirectory directory, HttpContext http) =>
            TypedResults.Ok((await directory.ListAsync(http.RequestAborted)).Select(ToView).ToList()));

        users.MapPost("/", async Task<Created<UserView>> (NewUserBody body, AccountDirectory directory, ClaimsPrincipal user, HttpContext http) =>
        {
            var account = await directory.RegisterAsync(body.ToAccount(), user.ToActor().UserId, http.RequestAborted);
            return TypedResults.Created($"/api/users/{account.UserId}", ToView(account));
        }).WithSummary("Create a user (admins only). Passwords have at least 10 characters.");

        users.MapPost("/{userId}/disable", async Task<NoContent> (string userId, DisableBody body, AccountDirectory directory, ClaimsPrincipal user, HttpContext http) =>
        {
            await directory.DisableAsync(userId, body.Reason, user.ToActor().UserId, http.RequestAborted);
            return TypedResults.NoContent();
        }).WithSummary("Disable a user: every session and token they hold stops working at once.");

        return api;
    }

    private static UserView ToView(UserAccount a) =>
        new(a.UserId, a.UserName, a.DisplayName, a.AgencyCode, [.. a.Roles.Order(StringComparer.Ordinal)], a.RegionCode, a.CanLogRegionalUpdates, a.Disabled);
}
