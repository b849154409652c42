namespace CrisisCenter.Domain;

/// <summary>A time-stamped fact about the situation. Corrections are updates too, linked both ways.</summary>
public sealed record SituationUpdate(
    Guid Id,
    string Text,
    Language Language,
    string Source,
    string? RegionCode,
    bool Verified,
    string LoggedBy,
    DateTimeOffset LoggedAt,
    Guid? CorrectsUpdateId = null,
    string? CorrectionReason = null,
    Guid? CorrectedByUpdateId = null);
