namespace CrisisCenter.Domain;

/// <summary>
/// The incident aggregate as two pure functions: <see cref="Decide"/> turns a command into events (or a
/// rejection) and <see cref="Evolve"/> folds an event into state. Rules live in the per-concept partial files.
/// </summary>
public static partial class Incident
{
    public static IncidentState Replay(IEnumerable<IncidentEvent> events) =>
        events.Aggregate(IncidentState.Initial, Evolve);

    public static IncidentState Evolve(IncidentState state, IncidentEvent @event)
    {
        var next = @event switch
        {
            IncidentDeclared e => Declared(state, e),
            IncidentDetailsAmended e => state with
            {
                Title = e.Title, Description = e.Description, Category = e.Category, Regions = [.. e.Regions],
            },
            IncidentSeverityChanged e => state with { Severity = e.To },
            AgencyJoinedIncident e => state with { ParticipatingAgencies = state.ParticipatingAgencies.Add(e.AgencyCode) },
            AgencyLeftIncident e => state with { ParticipatingAgencies = state.ParticipatingAgencies.Remove(e.AgencyCode) },
            IncidentStabilized => state with { Status = IncidentStatus.Stabilized },
            IncidentClosed => state with { Status = IncidentStatus.Closed },
            IncidentReopened => state with { Status = IncidentStatus.Active },

            SituationUpdateLogged e => SituationUpdateLogged(state, e),
            SituationUpdateCorrected e => SituationUpdateCorrected(state, e),

            StatementDrafted e => StatementDrafted(state, e),
            StatementRevised e => StatementRevised(state, e),
            StatementSubmitted e => StatementSubmitted(state, e),
            StatementApproved e => StatementApproved(state, e),
            StatementApprovalRequirementChanged e => StatementApprovalRequirementChanged(state, e),
            StatementRejected e => StatementRejected(state, e),
            StatementPublished e => StatementPublished(state, e),

            ChannelPostScheduled e => ChannelPostScheduled(state, e),
            ChannelPostDelivered e => ChannelPostDelivered(state, e),
            ChannelPostFailed e => ChannelPostFailed(state, e),
            ChannelPostAbandoned e => ChannelPostAbandoned(state, e),
            ChannelPostUncertain e => ChannelPostUncertain(state, e),
            ChannelPostSending e => ChannelPostSending(state, e),
            ChannelPostRetryRequested e => ChannelPostRetryRequested(state, e),
            ChannelPostDeliveryConfirmed e => ChannelPostDeliveryConfirmed(state, e),

            RumorLogged e => RumorLogged(state, e),
            RumorAssessed e => RumorAssessed(state, e),
            RumorRebutted e => RumorRebutted(state, e),
            RumorClosed e => RumorClosed(state, e),

            _ => throw new ArgumentException($"Unknown incident event {@event.GetType().Name}.", nameof(@event)),
        };
        return next with { Version = state.Version + 1 };
    }

    private static IncidentState Declared(IncidentState state, IncidentDeclared e) => state with
    {
        Exists = true,
        Id = e.IncidentId,
        Code = e.Code,
        Title = e.Title,
        Description = e.Description,
        Category = e.Category,
        Severity = e.Severity,
        Regions = [.. e.Regions],
        LeadAgency = e.LeadAgency,
        ParticipatingAgencies = [.. e.ParticipatingAgencies],
        Visibility = e.Visibility,
        RequiredLanguages = [.. e.RequiredLanguages],
        IsPublicWarning = e.IsPublicWarning,
        Status = IncidentStatus.Active,
        DeclaredAt = e.At,
        DeclaredBy = e.By,
    };
}
