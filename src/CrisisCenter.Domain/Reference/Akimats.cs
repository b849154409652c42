namespace CrisisCenter.Domain;

/// <summary>
/// The akimat of a region or city of republican significance is the agency whose code names it: "AKIMAT-KZ-75"
/// governs KZ-75 (Almaty). The agency directory builds akimat codes with <see cref="CodeFor"/>, and the rules that
/// follow an akimat's region (who may see an incident) read it back with <see cref="RegionOf"/>.
/// </summary>
public static class Akimats
{
    private const string CodePrefix = "AKIMAT-";

    public static string CodeFor(string regionCode) => CodePrefix + regionCode;

    /// <summary>The region the agency governs: the known region an akimat's code names; null for any other agency.</summary>
    public static string? RegionOf(string? agencyCode) =>
        agencyCode is not null && agencyCode.StartsWith(CodePrefix, StringComparison.Ordinal)
        && agencyCode[CodePrefix.Length..] is var region && Regions.IsKnown(region)
            ? region
            : null;
}
