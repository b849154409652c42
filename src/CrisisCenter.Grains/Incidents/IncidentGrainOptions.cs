using CrisisCenter.Domain;

namespace CrisisCenter.Grains.Incidents;

/// <summary>Settings of incident grains, bound by the host (e.g. from the "Incidents" configuration section).</summary>
public sealed class IncidentGrainOptions
{
    public const string SectionName = "Incidents";

    /// <summary>The configurable rules every decision of every incident uses.</summary>
    public IncidentPolicy Policy { get; set; } = IncidentPolicy.Default;

    /// <summary>
    /// How long an incident may stay idle before Orleans deactivates it (it replays its stream on the next call).
    /// Null keeps Orleans' own <c>GrainCollectionOptions.CollectionAge</c>.
    /// </summary>
    public TimeSpan? CollectionAge { get; set; }
}
