using System.Globalization;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Templates;

/// <summary>What a press officer may give when drafting from a template; what is missing is taken from the incident
/// (region), the moment of drafting (time) or the national emergency number (hotline).</summary>
public sealed record PlaceholderValues(string? Region = null, DateTimeOffset? Time = null, string? Hotline = null);

/// <summary>
/// Fills <c>{region}</c>, <c>{time}</c> and <c>{hotline}</c> in a template's texts. The region is named in each text's
/// own language; times are Kazakhstan's wall clock (Asia/Almaty), because that is what readers there expect.
/// Any other text in braces is left as written, so a typo in a template shows in the draft rather than vanishing.
/// </summary>
public static class TemplatePlaceholders
{
    public const string Region = "{region}";
    public const string Time = "{time}";
    public const string Hotline = "{hotline}";

    /// <summary>112 is the single emergency number in Kazakhstan.</summary>
    public const string DefaultHotline = "112";

    public const string TimeFormat = "dd.MM.yyyy HH:mm";

    public static TimeZoneInfo Kazakhstan { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    public static IReadOnlyDictionary<Language, StatementText> Fill(
        StatementTemplate template, IReadOnlyList<string> incidentRegions, PlaceholderValues values, DateTimeOffset now)
    {
        var region = incidentRegions.Select(code => Regions.TryGet(code, out var known) ? known : null).FirstOrDefault(r => r is not null);
        var time = FormatTime(values.Time ?? now);
        var hotline = string.IsNullOrWhiteSpace(values.Hotline) ? DefaultHotline : values.Hotline.Trim();
        return template.Content.ToDictionary(
            p => p.Key,
            p =>
            {
                var regionName = !string.IsNullOrWhiteSpace(values.Region) ? values.Region.Trim() : region?.NameIn(p.Key) ?? "";
                string Fill(string text) => text.Replace(Region, regionName, StringComparison.Ordinal)
                    .Replace(Time, time, StringComparison.Ordinal)
                    .Replace(Hotline, hotline, StringComparison.Ordinal);
                return new StatementText(Fill(p.Value.Headline), Fill(p.Value.Body), p.Value.Instruction is { } i ? Fill(i) : null);
            });
    }

    public static string FormatTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Kazakhstan).ToString(TimeFormat, CultureInfo.InvariantCulture);
}
