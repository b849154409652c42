namespace CrisisCenter.Domain;

/// <summary>
/// When an incident owes the public its next update: whole cadence periods after the last publication (or the
/// declaration, before any). Each period that passes without a publication is one missed window.
/// </summary>
public static class UpdateWindows
{
    /// <summary>When the update clock last started: the last publication, else the declaration.</summary>
    public static DateTimeOffset ClockStart(DateTimeOffset declaredAt, DateTimeOffset? lastPublishedAt) => lastPublishedAt ?? declaredAt;

    /// <summary>The due time of the latest window missed by <paramref name="now"/>; null while none is missed.</summary>
    public static DateTimeOffset? LatestMissedWindow(DateTimeOffset clockStart, TimeSpan cadence, DateTimeOffset now)
    {
        if (cadence <= TimeSpan.Zero || now < clockStart + cadence) return null;
        var missed = (now - clockStart).Ticks / cadence.Ticks;
        return clockStart + TimeSpan.FromTicks(cadence.Ticks * missed);
    }
}
