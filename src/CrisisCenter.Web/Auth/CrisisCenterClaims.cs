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
}
