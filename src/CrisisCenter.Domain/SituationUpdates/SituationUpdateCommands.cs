namespace CrisisCenter.Domain;

public sealed record LogSituationUpdate(
    Guid IncidentId,
    CommandContext Context,
    Guid UpdateId,
    string Text,
    Language Language,
    string Source,
    string? RegionCode,
    bool Verified) : IncidentCommand(IncidentId, Context);

/// <summary>
/// Records <paramref name="UpdateId"/> as a new update that corrects <paramref name="CorrectsUpdateId"/>;
/// the corrected update stays on record. Language, source and region are the corrected update's.
/// </summary>
public sealed record CorrectSituationUpdate(
    Guid IncidentId,
    CommandContext Context,
    Guid UpdateId,
    Guid CorrectsUpdateId,
    string Text,
    string Reason,
    bool Verified) : IncidentCommand(IncidentId, Context);
