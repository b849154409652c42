namespace CrisisCenter.Domain;

[EventType("situation_update.logged.v1")]
public sealed record SituationUpdateLogged(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid UpdateId,
    string Text,
    Language Language,
    string Source,
    string? RegionCode,
    bool Verified) : IncidentEvent(IncidentId, By, At);

/// <summary>
/// A new update <paramref name="UpdateId"/> superseding <paramref name="CorrectsUpdateId"/>, which stays on record.
/// Language, source and region repeat the corrected update's so readers can route it without a lookup.
/// </summary>
[EventType("situation_update.corrected.v1")]
public sealed record SituationUpdateCorrected(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid UpdateId,
    Guid CorrectsUpdateId,
    string Text,
    string Reason,
    Language Language,
    string Source,
    string? RegionCode,
    bool Verified) : IncidentEvent(IncidentId, By, At);
