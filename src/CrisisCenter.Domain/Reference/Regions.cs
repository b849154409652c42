using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CrisisCenter.Domain;

/// <summary>
/// Kazakhstan's 17 regions and 3 cities of republican significance (ISO 3166-2:KZ, after the 2022 reform that
/// created Abai, Zhetisu and Ulytau). Russian names are the official ones, hence "область Абай" for the new regions.
/// </summary>
public static class Regions
{
    public static IReadOnlyList<Region> All { get; } =
    [
        new("KZ-10", RegionKind.Region, "Абай облысы", "область Абай", "Abai Region"),
        new("KZ-11", RegionKind.Region, "Ақмола облысы", "Акмолинская область", "Akmola Region"),
        new("KZ-15", RegionKind.Region, "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
        new("KZ-19", RegionKind.Region, "Алматы облысы", "Алматинская область", "Almaty Region"),
        new("KZ-23", RegionKind.Region, "Атырау облысы", "Атырауская область", "Atyrau Region"),
        new("KZ-27", RegionKind.Region, "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
        new("KZ-31", RegionKind.Region, "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
        new("KZ-33", RegionKind.Region, "Жетісу облысы", "область Жетісу", "Zhetisu Region"),
        new("KZ-35", RegionKind.Region, "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
        new("KZ-39", RegionKind.Region, "Қостанай облысы", "Костанайская область", "Kostanay Region"),
        new("KZ-43", RegionKind.Region, "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
        new("KZ-47", RegionKind.Region, "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
        new("KZ-55", RegionKind.Region, "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
        new("KZ-59", RegionKind.Region, "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"),
        new("KZ-61", RegionKind.Region, "Түркістан облысы", "Туркестанская область", "Turkestan Region"),
        new("KZ-62", RegionKind.Region, "Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
        new("KZ-63", RegionKind.Region, "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
        new("KZ-71", RegionKind.City, "Астана", "Астана", "Astana"),
        new("KZ-75", RegionKind.City, "Алматы", "Алматы", "Almaty"),
        new("KZ-79", RegionKind.City, "Шымкент", "Шымкент", "Shymkent"),
    ];

    private static readonly ImmutableDictionary<string, Region> ByCode =
        All.ToImmutableDictionary(region => region.Code, StringComparer.Ordinal);

    /// <summary>Codes are matched exactly ("KZ-75"), as stored in events.</summary>
    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static bool TryGet(string? code, [NotNullWhen(true)] out Region? region)
    {
        region = null;
        return code is not null && ByCode.TryGetValue(code, out region);
    }
}
