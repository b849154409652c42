namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static Decision LogRumor(IncidentState state, LogRumor c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
         ?? Require.Id(c.RumorId, "Rumour id")
         ?? (state.Rumors.ContainsKey(c.RumorId)
             ? DomainError.Conflict(DomainErrors.RumorAlreadyLogged, $"Rumour {c.RumorId} is already logged.")
             : null)
         ?? Require.Text(c.Claim, "Claim", policy.MaxClaimLength)
         ?? Require.Text(c.WhereSeen, "Where seen", policy.MaxSourceLength)
         ?? Require.Link(c.Link, policy.MaxLinkLength)
         ?? (c.FirstSeenAt > c.Context.At
             ? DomainError.Validation(DomainErrors.RumorFirstSeenInFuture, "A rumour cannot be first seen after it is logged.")
             : null)
         ?? (c.EstimatedReach < 0
             ? DomainError.Validation(DomainErrors.OutOfRange, "Estimated reach cannot be negative.")
             : null))
        .Or(() => Accept(new RumorLogged(
            state.Id, c.Context.Actor.UserId, c.Context.At, c.RumorId, c.Claim, c.WhereSeen, c.Link, c.FirstSeenAt, c.EstimatedReach)));

    private static Decision AssessRumor(IncidentState state, AssessRumor c, IncidentPolicy policy) =>
        WithRumor(state, c.RumorId, rumor =>
            (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
             ?? OpenRumor(rumor)
             ?? Require.Defined(c.Verdict, "Verdict")
             ?? Require.Text(c.Evidence, "Evidence", policy.MaxNoteLength))
            .Or(() => Accept(new RumorAssessed(state.Id, c.Context.Actor.UserId, c.Context.At, c.RumorId, c.Verdict, c.Evidence))));

    private static Decision CloseRumor(IncidentState state, CloseRumor c, IncidentPolicy policy) =>
        WithRumor(state, c.RumorId, rumor =>
            (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
             ?? OpenRumor(rumor)
             ?? Require.Text(c.Reason, "Reason", policy.MaxNoteLength))
            .Or(() => Accept(new RumorClosed(state.Id, c.Context.Actor.UserId, c.Context.At, c.RumorId, c.Reason))));

    private static Decision WithRumor(IncidentState state, Guid rumorId, Func<RumorState, Decision> decide) =>
        state.Rumors.TryGetValue(rumorId, out var rumor)
            ? decide(rumor)
            : DomainError.NotFound(DomainErrors.RumorNotFound, $"Rumour {rumorId} does not exist.");

    private static DomainError? OpenRumor(RumorState rumor) =>
        rumor.Status == RumorStatus.Closed
            ? DomainError.Conflict(DomainErrors.RumorClosed, "The rumour is closed.")
            : null;
}
