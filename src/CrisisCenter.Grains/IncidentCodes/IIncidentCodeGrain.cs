namespace CrisisCenter.Grains.IncidentCodes;

/// <summary>Hands out the human codes of incidents ("INC-2026-0042"), sequential within a year.
/// Keyed by the year: <c>grains.GetGrain&lt;IIncidentCodeGrain&gt;(2026)</c>.</summary>
public interface IIncidentCodeGrain : IGrainWithIntegerKey
{
    /// <summary>The next free code of the year, recorded for <paramref name="incidentId"/>; asking again for
    /// the same incident returns the same code.</summary>
    Task<string> Allocate(Guid incidentId);
}
