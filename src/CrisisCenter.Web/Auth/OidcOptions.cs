using System.ComponentModel.DataAnnotations;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// Single sign-on through an OpenID Connect provider (section <c>Authentication:OpenIdConnect</c>). Off unless
/// <see cref="Authority"/> and <see cref="ClientId"/> are set; local accounts keep working either way. The provider's
/// id token must carry the agency (<see cref="AgencyClaim"/>, a code of /api/reference/agencies, optionally renamed
/// through <see cref="AgencyMap"/>) and at least one role (<see cref="RolesClaim"/>, each value renamed through
/// <see cref="RoleMap"/> when listed there, else taken as is when it is one of Admin, PressOfficer, Approver,
/// Observer); anything else is ignored, and a sign-in with no agency or no known role is refused.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>The issuer URL; its /.well-known/openid-configuration is read at the first sign-in.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public List<string> Scopes { get; set; } = ["profile"];

    /// <summary>Must the discovery document come over HTTPS (true outside tests and local trials).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    [Required] public string AgencyClaim { get; set; } = "agency";
    [Required] public string RolesClaim { get; set; } = "roles";
    public string? RegionClaim { get; set; }
    [Required] public string UserNameClaim { get; set; } = "preferred_username";
    [Required] public string DisplayNameClaim { get; set; } = "name";

    /// <summary>Provider role value → our role (e.g. "crisis-approvers" → "Approver").</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>Provider agency value → our agency code (e.g. "Ministry of Health" → "MOH").</summary>
    public Dictionary<string, string> AgencyMap { get; set; } = [];

    /// <summary>Where the provider sends the browser back with the code (register this redirect URI there).</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
