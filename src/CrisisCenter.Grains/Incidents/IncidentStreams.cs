namespace CrisisCenter.Grains.Incidents;

/// <summary>Stream names of incidents: one stream per incident.</summary>
public static class IncidentStreams
{
    public const string Prefix = "incident-";

    public static string For(Guid incidentId) => Prefix + incidentId.ToString("D");

    public static bool TryParse(string stream, out Guid incidentId)
    {
        incidentId = default;
        return stream.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(stream.AsSpan(Prefix.Length), "D", out incidentId);
    }
}
