namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static Decision RecordUpdateOverdue(IncidentState state, RecordUpdateOverdue c, IncidentPolicy policy)
    {
        if (!c.Context.Actor.IsSystem)
            return DomainError.Forbidden(DomainErrors.SystemOnly, "Only the platform records a missed update.");
        if (state.Status != IncidentStatus.Active)
            return DomainError.Conflict(DomainErrors.IncidentNotActive, $"Only an active incident owes updates; it is {state.Status}.");
        if (policy.UpdateCadenceFor(state.Severity) is not { } cadence)
            return DomainError.Conflict(DomainErrors.NoUpdateCadence, $"A {state.Severity} incident has no update cadence.");

        var missed = UpdateWindows.LatestMissedWindow(UpdateWindows.ClockStart(state.DeclaredAt, state.LastPublishedAt), cadence, c.Context.At);
        if (missed is not { } dueAt || dueAt != c.DueAt)
            return DomainError.Conflict(DomainErrors.UpdateNotOverdue,
                missed is null ? "No update is overdue yet." : $"The update missed is the one due at {missed:O}, not {c.DueAt:O}.");
        if (state.LastOverdueDueAt is { } recorded && recorded >= dueAt)
            return DomainError.Conflict(DomainErrors.UpdateOverdueAlreadyRecorded, $"The update due at {dueAt:O} is already recorded as missed.");

        return Accept(new IncidentUpdateOverdue(state.Id, c.Context.Actor.UserId, c.Context.At, dueAt, cadence));
    }
}
