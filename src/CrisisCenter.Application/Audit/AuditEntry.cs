namespace CrisisCenter.Application.Audit;

/// <summary>
/// One stored event as the audit trail shows it: who (actor, agency, the roles they held, the session they acted in),
/// through which command, what (<see cref="Type"/>, a one-line English <see cref="Summary"/>), where (stream,
/// revision, global <see cref="Position"/>) and when (<see cref="RecordedAt"/>, the store's clock). Facts recorded by
/// the system itself (reminders, lockouts, channel deliveries) name the system actor.
/// </summary>
public sealed record AuditEntry(
    long Position,
    string Stream,
    long Revision,
    Guid EventId,
    string Type,
    DateTimeOffset RecordedAt,
    string? ActorId,
    string? ActorName,
    string? AgencyCode,
    IReadOnlyList<string> Roles,
    string? SessionId,
    Guid? CommandId,
    Guid? IncidentId,
    string Summary);

/// <summary>A page of audit entries in store order; <see cref="NextAfter"/> is the position to pass as <c>after</c>
/// for the next page, null when this page is the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? NextAfter);
