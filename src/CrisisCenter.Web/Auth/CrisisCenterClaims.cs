namespace CrisisCenter.Web.Auth;

/// <summary>Claim types the app issues on sign-in. The actor on every event comes from these, never from a request body.</summary>
public static class CrisisCenterClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Agency = "agency";
    public const string Role = "role";
    public const string Region = "region";
    public const string CanLogRegionalUpdates = "regional_updates";
    public const string SecurityStamp = "stamp";
    public const string SessionId = "sid";
    /// <summary>How the session was authenticated (RFC 8176 values): "pwd", plus "otp" when a TOTP or recovery code was given.</summary>
    public const string AuthenticationMethods = "amr";
    /// <summary>When the second factor was last checked (Unix seconds), for step-up freshness.</summary>
    public const string SecondFactorAt = "mfa_at";
}
