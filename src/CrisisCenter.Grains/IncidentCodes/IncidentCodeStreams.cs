using System.Globalization;

namespace CrisisCenter.Grains.IncidentCodes;

/// <summary>One stream per year records which incident got which number.</summary>
/// <remarks>Deliberately not under <see cref="Incidents.IncidentStreams.Prefix"/>, so readers of incident streams never see them.</remarks>
public static class IncidentCodeStreams
{
    public const string Prefix = "code-allocations-";

    public static string For(int year) => Prefix + year.ToString("D4", CultureInfo.InvariantCulture);
}
