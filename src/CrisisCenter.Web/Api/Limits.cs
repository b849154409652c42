using CrisisCenter.Domain;

namespace CrisisCenter.Web.Api;

/// <summary>Field limits at the HTTP edge come from the domain policy, so the two never disagree.</summary>
public static class Limits
{
    public static IncidentPolicy Policy => IncidentPolicy.Default;
    public const int MaxListItems = 50;
    public const int MaxReasonLength = 2_000;
    public const int MaxTemplateNameLength = 200;
    public const int MaxPlaceholderLength = 300;
}
