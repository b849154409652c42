using CrisisCenter.Domain;

namespace CrisisCenter.Application.Agencies;

public enum AgencyKind { Ministry, Akimat }

/// <summary>A government body whose press service uses CrisisCenter. Akimats name the region they govern.</summary>
public sealed record Agency(string Code, AgencyKind Kind, string NameKk, string NameRu, string NameEn, string? RegionCode = null);

/// <summary>
/// The agencies known to this deployment: the central bodies that lead crisis communication and the akimat
/// of every region and city of republican significance (codes "AKIMAT-KZ-75" and so on).
/// Admin-managed agencies replace this fixed list when the directory becomes editable.
/// </summary>
public static class AgencyCatalog
{
    public static IReadOnlyList<Agency> All { get; } =
    [
        new("MES", AgencyKind.Ministry, "ҚР Төтенше жағдайлар министрлігі", "Министерство по чрезвычайным ситуациям РК", "Ministry of Emergency Situations"),
        new("MOH", AgencyKind.Ministry, "ҚР Денсаулық сақтау министрлігі", "Министерство здравоохранения РК", "Ministry of Health"),
        new("MCI", AgencyKind.Ministry, "ҚР Мәдениет және ақпарат министрлігі", "Министерство культуры и информации РК", "Ministry of Culture and Information"),
        new("MIA", AgencyKind.Ministry, "ҚР Ішкі істер министрлігі", "Министерство внутренних дел РК", "Ministry of Internal Affairs"),
        new("MENR", AgencyKind.Ministry, "ҚР Экология және табиғи ресурстар министрлігі", "Министерство экологии и природных ресурсов РК", "Ministry of Ecology and Natural Resources"),
        new("MOE", AgencyKind.Ministry, "ҚР Энергетика министрлігі", "Министерство энергетики РК", "Ministry of Energy"),
        .. Regions.All.Select(Akimat),
    ];

    private static readonly Dictionary<string, Agency> ByCode = All.ToDictionary(a => a.Code, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Agency? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    public static string AkimatCode(string regionCode) => Akimats.CodeFor(regionCode);

    // Kazakh and Russian need the genitive: "Абай облысы" -> "Абай облысының әкімдігі",
    // "Акмолинская область" -> "Акимат Акмолинской области", "область Абай" -> "Акимат области Абай".
    private static Agency Akimat(Region region) => new(
        AkimatCode(region.Code),
        AgencyKind.Akimat,
        region.Kind == RegionKind.City ? $"{region.NameKk} қаласының әкімдігі" : region.NameKk.Replace("облысы", "облысының", StringComparison.Ordinal) + " әкімдігі",
        region.Kind == RegionKind.City ? $"Акимат города {region.NameRu}" : "Акимат " + RussianGenitive(region.NameRu),
        $"Akimat of {region.NameEn}",
        region.Code);

    private static string RussianGenitive(string regionName) =>
        regionName.StartsWith("область ", StringComparison.Ordinal)
            ? "области " + regionName["область ".Length..]
            : regionName.Replace("ая область", "ой области", StringComparison.Ordinal);
}
