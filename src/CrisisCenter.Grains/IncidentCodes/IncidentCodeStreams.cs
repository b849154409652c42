using System.Globalization;

namespace CrisisCenter.Grains.IncidentCodes;

/// <summary>One stream per year records which incident got which number.</summary>
/// <remarks>The name starts with <see cref="Incidents.IncidentStreams.Prefix"/> too: readers filtering on that
/// prefix must skip streams <see cref="Incidents.IncidentStreams.TryParse"/> rejects.</remarks>
public static class IncidentCodeStreams
{
    public const string Prefix = "incident-codes-";

    public static string For(int year) => Prefix + year.ToString("D4", CultureInfo.InvariantCulture);
}
