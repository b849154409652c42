using System.Globalization;
using System.Net;

namespace CrisisCenter.Web.Reports;

/// <summary>How the printed report writes values: encoded text, instants, durations, positions.</summary>
internal static class ReportText
{
    /// <summary>User text (and anything else) as HTML text or attribute value: &lt; &gt; &amp; " ' are encoded.</summary>
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>On the office's clock, as the office writes dates, with the offset: "25.11.2026 14:03:05 +05:00".</summary>
    public static string Instant(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dd.MM.yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d) return "—";
        var sign = d < TimeSpan.Zero ? "-" : "";
        d = d.Duration();
        return d.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{(int)d.TotalHours} h {d.Minutes:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{d.Minutes} min {d.Seconds:00} s");
    }

    public static string Position(long position) => "#" + position.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
