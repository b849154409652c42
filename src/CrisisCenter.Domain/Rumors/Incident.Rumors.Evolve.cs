namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static IncidentState RumorLogged(IncidentState state, RumorLogged e) => state with
    {
        Rumors = state.Rumors.Add(
            e.RumorId,
            new RumorState(e.RumorId, e.Claim, e.WhereSeen, e.Link, e.FirstSeenAt, e.EstimatedReach, e.By, e.At, RumorStatus.Logged)),
    };

    // Re-assessing a rebutted rumour updates the verdict but keeps the fact that it was rebutted.
    private static IncidentState RumorAssessed(IncidentState state, RumorAssessed e) =>
        UpdateRumor(state, e.RumorId, rumor => rumor with
        {
            Status = rumor.Status == RumorStatus.Rebutted ? RumorStatus.Rebutted : RumorStatus.Assessed,
            Verdict = e.Verdict,
            Evidence = e.Evidence,
        });

    private static IncidentState RumorRebutted(IncidentState state, RumorRebutted e) =>
        UpdateRumor(state, e.RumorId, rumor => rumor with
        {
            Status = RumorStatus.Rebutted, RebuttedByStatementId = e.StatementId, RebuttedAt = e.At,
        });

    private static IncidentState RumorClosed(IncidentState state, RumorClosed e) =>
        UpdateRumor(state, e.RumorId, rumor => rumor with { Status = RumorStatus.Closed, ClosedReason = e.Reason });

    private static IncidentState UpdateRumor(IncidentState state, Guid rumorId, Func<RumorState, RumorState> change) =>
        state.Rumors.TryGetValue(rumorId, out var rumor)
            ? state with { Rumors = state.Rumors.SetItem(rumorId, change(rumor)) }
            : state;
}
