using System.Diagnostics.CodeAnalysis;

namespace CrisisCenter.Domain;

/// <summary>ISO 639-1 codes ("kk", "ru", "en") of <see cref="Language"/>, as used in URLs and channels.</summary>
public static class LanguageCodes
{
    /// <summary>Every language in canonical order (kk, ru, en).</summary>
    public static IReadOnlyList<Language> All { get; } = [Language.Kk, Language.Ru, Language.En];

    /// <summary>Required when an incident is declared without naming any.</summary>
    public static IReadOnlyList<Language> DefaultRequired { get; } = [Language.Kk, Language.Ru];

    public static string ToCode(this Language language) => language switch
    {
        Language.Kk => "kk",
        Language.Ru => "ru",
        Language.En => "en",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };

    public static bool TryParse([NotNullWhen(true)] string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "kk": language = Language.Kk; return true;
            case "ru": language = Language.Ru; return true;
            case "en": language = Language.En; return true;
            default: language = default; return false;
        }
    }
}
