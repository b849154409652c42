using System.Collections.Immutable;

namespace CrisisCenter.Domain;

/// <summary>
/// Everything <see cref="Incident.Decide"/> needs to know about one incident, folded from its events.
/// <see cref="Version"/> counts the events folded in (the stream's next expected revision).
/// </summary>
public sealed record IncidentState
{
    public static IncidentState Initial { get; } = new();

    public bool Exists { get; init; }
    public long Version { get; init; }

    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public IncidentCategory Category { get; init; }
    public Severity Severity { get; init; }
    public ImmutableList<string> Regions { get; init; } = [];
    public string LeadAgency { get; init; } = "";
    public ImmutableList<string> ParticipatingAgencies { get; init; } = [];
    public Visibility Visibility { get; init; }
    public ImmutableList<Language> RequiredLanguages { get; init; } = [];
    public bool IsPublicWarning { get; init; }
    public IncidentStatus Status { get; init; }
    public DateTimeOffset DeclaredAt { get; init; }
    public string DeclaredBy { get; init; } = "";

    /// <summary>When a statement was last published; the update cadence runs from here (or from the declaration).</summary>
    public DateTimeOffset? LastPublishedAt { get; init; }

    /// <summary>The due time of the last missed update recorded, so each missed window is recorded once.</summary>
    public DateTimeOffset? LastOverdueDueAt { get; init; }

    public ImmutableDictionary<Guid, SituationUpdate> SituationUpdates { get; init; } =
        ImmutableDictionary<Guid, SituationUpdate>.Empty;

    public ImmutableDictionary<Guid, StatementState> Statements { get; init; } =
        ImmutableDictionary<Guid, StatementState>.Empty;

    public ImmutableDictionary<Guid, RumorState> Rumors { get; init; } = ImmutableDictionary<Guid, RumorState>.Empty;

    public ImmutableDictionary<Guid, ChannelPostState> ChannelPosts { get; init; } =
        ImmutableDictionary<Guid, ChannelPostState>.Empty;

    public bool IsLeadOrParticipating(string agencyCode) =>
        agencyCode == LeadAgency || ParticipatingAgencies.Contains(agencyCode);
}
