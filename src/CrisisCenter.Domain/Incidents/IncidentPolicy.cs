namespace CrisisCenter.Domain;

/// <summary>
/// Configurable rules, passed to <see cref="Incident.Decide"/> as data (loaded from configuration by the host).
/// </summary>
public sealed record IncidentPolicy
{
    public static IncidentPolicy Default { get; } = new();

    /// <summary>Distinct approvers a statement needs, by the incident's current severity. Missing severities need 1.</summary>
    public IReadOnlyDictionary<Severity, int> ApproversRequired { get; init; } = new Dictionary<Severity, int>
    {
        [Severity.Minor] = 1,
        [Severity.Moderate] = 1,
        [Severity.Severe] = 2,
        [Severity.Extreme] = 2,
    };

    /// <summary>How often an active incident must publish an update, by its current severity. A severity missing here
    /// has no cadence (by default Minor).</summary>
    public IReadOnlyDictionary<Severity, TimeSpan> UpdateCadence { get; init; } = new Dictionary<Severity, TimeSpan>
    {
        [Severity.Moderate] = TimeSpan.FromMinutes(240),
        [Severity.Severe] = TimeSpan.FromMinutes(120),
        [Severity.Extreme] = TimeSpan.FromMinutes(60),
    };

    /// <summary>How long an approval stays valid for publishing; null means approvals never expire.</summary>
    public TimeSpan? ApprovalValidity { get; init; }

    public int MaxCodeLength { get; init; } = 40;
    public int MaxTitleLength { get; init; } = 200;
    public int MaxDescriptionLength { get; init; } = 5_000;
    public int MaxAgencyCodeLength { get; init; } = 64;
    public int MaxHeadlineLength { get; init; } = 300;
    public int MaxBodyLength { get; init; } = 20_000;
    public int MaxInstructionLength { get; init; } = 2_000;
    public int MaxSituationUpdateLength { get; init; } = 5_000;
    public int MaxSourceLength { get; init; } = 300;
    public int MaxClaimLength { get; init; } = 2_000;
    public int MaxLinkLength { get; init; } = 2_000;
    public int MaxChannelCodeLength { get; init; } = 64;

    /// <summary>Reasons, notes, summaries, evidence, error texts.</summary>
    public int MaxNoteLength { get; init; } = 4_000;

    public int ApprovalsRequiredFor(Severity severity) =>
        ApproversRequired.TryGetValue(severity, out var count) ? Math.Max(1, count) : 1;

    public TimeSpan? UpdateCadenceFor(Severity severity) =>
        UpdateCadence.TryGetValue(severity, out var cadence) && cadence > TimeSpan.Zero ? cadence : null;

    public bool IsApprovalValidAt(Approval approval, DateTimeOffset at) =>
        ApprovalValidity is not { } validity || at <= approval.At + validity;
}
