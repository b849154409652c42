namespace CrisisCenter.Domain;

public enum RegionKind
{
    /// <summary>Oblys (province).</summary>
    Region,

    /// <summary>City of republican significance (Astana, Almaty, Shymkent).</summary>
    City,
}

/// <summary>A first-level administrative unit of Kazakhstan, identified by its ISO 3166-2 code.</summary>
public sealed record Region(string Code, RegionKind Kind, string NameKk, string NameRu, string NameEn)
{
    public string NameIn(Language language) => language switch
    {
        Language.Kk => NameKk,
        Language.Ru => NameRu,
        _ => NameEn,
    };
}
