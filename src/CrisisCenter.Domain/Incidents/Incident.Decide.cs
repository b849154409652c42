namespace CrisisCenter.Domain;

public static partial class Incident
{
    public static Decision Decide(IncidentState state, IncidentCommand command, IncidentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(policy);

        if (command is DeclareIncident declare)
        {
            return Declare(state, declare, policy);
        }

        if (!state.Exists)
        {
            return DomainError.NotFound(DomainErrors.IncidentNotFound, $"Incident {command.IncidentId} has not been declared.");
        }

        if (command.IncidentId != state.Id)
        {
            return DomainError.Validation(DomainErrors.IncidentIdMismatch, "The command names another incident.");
        }

        // Delivery outcomes are facts about the outside world: posts already sent are recorded even after closing.
        if (state.Status == IncidentStatus.Closed && command is not (ReopenIncident or ChannelPostOutcome))
        {
            return DomainError.Conflict(DomainErrors.IncidentClosed, "The incident is closed; only reopening is possible.");
        }

        return command switch
        {
            AmendIncidentDetails c => AmendDetails(state, c, policy),
            ChangeIncidentSeverity c => ChangeSeverity(state, c, policy),
            AddParticipatingAgency c => AddAgency(state, c, policy),
            RemoveParticipatingAgency c => RemoveAgency(state, c),
            StabilizeIncident c => Stabilize(state, c, policy),
            CloseIncident c => Close(state, c, policy),
            ReopenIncident c => Reopen(state, c, policy),

            LogSituationUpdate c => LogSituationUpdate(state, c, policy),
            CorrectSituationUpdate c => CorrectSituationUpdate(state, c, policy),

            DraftStatement c => DraftStatement(state, c, policy),
            ReviseStatement c => ReviseStatement(state, c, policy),
            SubmitStatement c => SubmitStatement(state, c),
            ApproveStatement c => ApproveStatement(state, c, policy),
            RejectStatement c => RejectStatement(state, c, policy),
            PublishStatement c => PublishStatement(state, c, policy),

            LogRumor c => LogRumor(state, c, policy),
            AssessRumor c => AssessRumor(state, c, policy),
            CloseRumor c => CloseRumor(state, c, policy),

            RecordChannelPostDelivered c => RecordDelivered(state, c, policy),
            RecordChannelPostFailed c => RecordFailed(state, c, policy),
            AbandonChannelPost c => Abandon(state, c, policy),
            MarkChannelPostUncertain c => MarkUncertain(state, c, policy),
            RecordChannelPostSending c => RecordSending(state, c),
            RetryChannelPost c => RetryPost(state, c, policy),
            ConfirmChannelPostDelivered c => ConfirmDelivered(state, c, policy),

            _ => throw new ArgumentException($"Unknown incident command {command.GetType().Name}.", nameof(command)),
        };
    }

    private static Decision Accept(params IReadOnlyList<IncidentEvent> events) => Decision.Accept(events);

    private static Decision Or(this DomainError? error, Func<Decision> accept) =>
        error is null ? accept() : Decision.Reject(error);
}
