namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static Decision LogSituationUpdate(IncidentState state, LogSituationUpdate c, IncidentPolicy policy) =>
        (Authorization.SituationUpdateAuthor(state, c.Context.Actor, c.RegionCode)
         ?? Require.Id(c.UpdateId, "Update id")
         ?? NewSituationUpdateId(state, c.UpdateId)
         ?? Require.Text(c.Text, "Text", policy.MaxSituationUpdateLength)
         ?? Require.Defined(c.Language, "Language")
         ?? Require.Text(c.Source, "Source", policy.MaxSourceLength)
         ?? RegionOfIncident(state, c.RegionCode))
        .Or(() => Accept(new SituationUpdateLogged(
            state.Id, c.Context.Actor.UserId, c.Context.At, c.UpdateId, c.Text, c.Language, c.Source, c.RegionCode, c.Verified)));

    /// <summary>Only the latest word on a fact can be corrected, so corrections form a chain, never a fork.</summary>
    private static Decision CorrectSituationUpdate(IncidentState state, CorrectSituationUpdate c, IncidentPolicy policy)
    {
        if (!state.SituationUpdates.TryGetValue(c.CorrectsUpdateId, out var corrected))
        {
            return DomainError.NotFound(DomainErrors.SituationUpdateNotFound, $"Situation update {c.CorrectsUpdateId} does not exist.");
        }

        return (Authorization.SituationUpdateAuthor(state, c.Context.Actor, corrected.RegionCode)
                ?? Require.Id(c.UpdateId, "Update id")
                ?? NewSituationUpdateId(state, c.UpdateId)
                ?? (corrected.CorrectedByUpdateId is { } later
                    ? DomainError.Conflict(DomainErrors.SituationUpdateAlreadyCorrected, $"The update was already corrected by {later}; correct that one.")
                    : null)
                ?? Require.Text(c.Text, "Text", policy.MaxSituationUpdateLength)
                ?? Require.Text(c.Reason, "Reason", policy.MaxNoteLength))
            .Or(() => Accept(new SituationUpdateCorrected(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.UpdateId, c.CorrectsUpdateId, c.Text, c.Reason,
                corrected.Language, corrected.Source, corrected.RegionCode, c.Verified)));
    }

    private static DomainError? NewSituationUpdateId(IncidentState state, Guid updateId) =>
        state.SituationUpdates.ContainsKey(updateId)
            ? DomainError.Conflict(DomainErrors.SituationUpdateAlreadyLogged, $"Situation update {updateId} already exists.")
            : null;

    private static DomainError? RegionOfIncident(IncidentState state, string? regionCode) =>
        regionCode switch
        {
            null => null,
            _ when !Regions.IsKnown(regionCode) =>
                DomainError.Validation(DomainErrors.UnknownRegion, $"Region '{regionCode}' is not a known ISO 3166-2:KZ code."),
            _ when !state.Regions.Contains(regionCode) =>
                DomainError.Validation(DomainErrors.RegionNotInIncident, $"Region {regionCode} is not one of the incident's regions."),
            _ => null,
        };
}
