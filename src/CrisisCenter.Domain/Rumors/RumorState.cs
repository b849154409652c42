namespace CrisisCenter.Domain;

public sealed record RumorState(
    Guid Id,
    string Claim,
    string WhereSeen,
    string? Link,
    DateTimeOffset FirstSeenAt,
    long? EstimatedReach,
    string LoggedBy,
    DateTimeOffset LoggedAt,
    RumorStatus Status)
{
    public RumorVerdict? Verdict { get; init; }
    public string? Evidence { get; init; }
    public Guid? RebuttedByStatementId { get; init; }
    public DateTimeOffset? RebuttedAt { get; init; }
    public string? ClosedReason { get; init; }
}
