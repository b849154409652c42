using CrisisCenter.Domain;

namespace CrisisCenter.Grains.Incidents;

/// <summary>Settings of incident grains, bound by the host (e.g. from the "Incidents" configuration section).</summary>
public sealed class IncidentGrainOptions
{
    public const string SectionName = "Incidents";

    /// <summary>The configurable rules every decision of every incident uses. Null (the default) means the
    /// <see cref="IncidentPolicy"/> registered in the container - the one projections and the API read too -
    /// or <see cref="IncidentPolicy.Default"/> when none is registered.</summary>
    public IncidentPolicy? Policy { get; set; }

    /// <summary>
    /// How long an incident may stay idle before Orleans deactivates it (it replays its stream on the next call).
    /// Null keeps Orleans' own <c>GrainCollectionOptions.CollectionAge</c>.
    /// </summary>
    public TimeSpan? CollectionAge { get; set; }
}
