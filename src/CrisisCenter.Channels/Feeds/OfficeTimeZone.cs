using System.Globalization;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// The office's time zone (<c>CrisisCenter:TimeZone</c>, validated at start by the host), on whose clock public pages
/// show times - a Kazakh reader is not asked to convert from UTC - with the zone named beside the time.
/// </summary>
public sealed record OfficeTimeZone(TimeZoneInfo Zone)
{
    public const string ConfigurationKey = "CrisisCenter:TimeZone";

    public static OfficeTimeZone Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The configured zone; UTC when unset or unknown here (the host refuses to start on an unknown one).</summary>
    public static OfficeTimeZone From(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new(zone) : Utc;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"2026-03-14 12:10 (Asia/Almaty, UTC+05:00)".</summary>
    public string Show(DateTimeOffset at)
    {
        var local = Local(at);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} ({Zone.Id}, UTC{sign}{offset:hh\\:mm})");
    }
}
