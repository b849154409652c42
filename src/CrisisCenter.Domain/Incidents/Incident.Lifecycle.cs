namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static Decision Declare(IncidentState state, DeclareIncident c, IncidentPolicy policy)
    {
        if (state.Exists)
        {
            return DomainError.Conflict(DomainErrors.IncidentAlreadyDeclared, $"Incident {state.Code} is already declared.");
        }

        var actor = c.Context.Actor;
        return (Require.Id(c.IncidentId, "Incident id")
                ?? Authorization.PressOfficerOfLeadAgency(c.LeadAgency, actor)
                ?? Require.Text(c.Code, "Code", policy.MaxCodeLength)
                ?? Require.Text(c.Title, "Title", policy.MaxTitleLength)
                ?? Require.OptionalText(c.Description, "Description", policy.MaxDescriptionLength)
                ?? Require.Defined(c.Category, "Category")
                ?? Require.Defined(c.Severity, "Severity")
                ?? Require.Defined(c.Visibility, "Visibility")
                ?? Require.KnownRegions(c.Regions)
                ?? Require.Text(c.LeadAgency, "Lead agency", policy.MaxAgencyCodeLength)
                ?? Require.Each(c.ParticipatingAgencies, agency => Require.Text(agency, "Participating agency", policy.MaxAgencyCodeLength))
                ?? Require.Each(c.RequiredLanguages, language => Require.Defined(language, "Required language")))
            .Or(() =>
            {
                var languages = c.RequiredLanguages is { Count: > 0 } given
                    ? LanguageCodes.All.Where(given.Contains).ToArray()
                    : LanguageCodes.DefaultRequired.ToArray();
                var participating = (c.ParticipatingAgencies ?? []).Where(agency => agency != c.LeadAgency).Distinct().ToArray();
                return Accept(new IncidentDeclared(
                    c.IncidentId, actor.UserId, c.Context.At, c.Code.Trim(), c.Title.Trim(), c.Description ?? "",
                    c.Category, c.Severity, c.Regions.Distinct().ToArray(), c.LeadAgency, participating,
                    c.Visibility, languages, c.IsPublicWarning));
            });
    }

    private static Decision AmendDetails(IncidentState state, AmendIncidentDetails c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? Require.Text(c.Title, "Title", policy.MaxTitleLength)
         ?? Require.OptionalText(c.Description, "Description", policy.MaxDescriptionLength)
         ?? Require.Defined(c.Category, "Category")
         ?? Require.KnownRegions(c.Regions))
        .Or(() => Accept(new IncidentDetailsAmended(
            state.Id, c.Context.Actor.UserId, c.Context.At, c.Title.Trim(), c.Description ?? "", c.Category,
            c.Regions.Distinct().ToArray())));

    private static Decision AddAgency(IncidentState state, AddParticipatingAgency c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? Require.Text(c.AgencyCode, "Agency code", policy.MaxAgencyCodeLength)
         ?? (state.IsLeadOrParticipating(c.AgencyCode)
             ? DomainError.Conflict(DomainErrors.AgencyAlreadyParticipating, $"{c.AgencyCode} already takes part in the incident.")
             : null))
        .Or(() => Accept(new AgencyJoinedIncident(state.Id, c.Context.Actor.UserId, c.Context.At, c.AgencyCode)));

    private static Decision RemoveAgency(IncidentState state, RemoveParticipatingAgency c) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? (c.AgencyCode == state.LeadAgency
             ? DomainError.Conflict(DomainErrors.LeadAgencyCannotLeave, "The lead agency cannot leave its own incident.")
             : null)
         ?? (state.ParticipatingAgencies.Contains(c.AgencyCode)
             ? null
             : DomainError.NotFound(DomainErrors.AgencyNotParticipating, $"{c.AgencyCode} does not take part in the incident.")))
        .Or(() => Accept(new AgencyLeftIncident(state.Id, c.Context.Actor.UserId, c.Context.At, c.AgencyCode)));

    private static Decision Stabilize(IncidentState state, StabilizeIncident c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? (state.Status == IncidentStatus.Active
             ? null
             : DomainError.Conflict(DomainErrors.IncidentNotActive, $"Only an active incident can be stabilized; it is {state.Status}."))
         ?? Require.OptionalText(c.Note, "Note", policy.MaxNoteLength))
        .Or(() => Accept(new IncidentStabilized(state.Id, c.Context.Actor.UserId, c.Context.At, c.Note)));

    private static Decision Close(IncidentState state, CloseIncident c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? Require.Text(c.Summary, "Summary", policy.MaxNoteLength))
        .Or(() => Accept(new IncidentClosed(state.Id, c.Context.Actor.UserId, c.Context.At, c.Summary)));

    private static Decision Reopen(IncidentState state, ReopenIncident c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? (state.Status == IncidentStatus.Closed
             ? null
             : DomainError.Conflict(DomainErrors.IncidentNotClosed, "Only a closed incident can be reopened."))
         ?? Require.Text(c.Reason, "Reason", policy.MaxNoteLength))
        .Or(() => Accept(new IncidentReopened(state.Id, c.Context.Actor.UserId, c.Context.At, c.Reason)));

    /// <summary>
    /// A new severity can change how many approvals statements under review need; that is recorded per statement
    /// so their status (InReview / Approved) follows from events alone.
    /// </summary>
    private static Decision ChangeSeverity(IncidentState state, ChangeIncidentSeverity c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfLeadAgency(state.LeadAgency, c.Context.Actor)
         ?? Require.Defined(c.Severity, "Severity")
         ?? (c.Severity == state.Severity
             ? DomainError.Conflict(DomainErrors.SeverityUnchanged, $"The incident is already {state.Severity}.")
             : null)
         ?? Require.Text(c.Reason, "Reason", policy.MaxNoteLength))
        .Or(() =>
        {
            var by = c.Context.Actor.UserId;
            var before = policy.ApprovalsRequiredFor(state.Severity);
            var after = policy.ApprovalsRequiredFor(c.Severity);
            var requirementChanges = before == after
                ? []
                : state.Statements.Values
                    .Where(statement => statement.Status is StatementStatus.InReview or StatementStatus.Approved)
                    .OrderBy(statement => statement.Revisions[0].At).ThenBy(statement => statement.Id)
                    .Select(statement => (IncidentEvent)new StatementApprovalRequirementChanged(
                        state.Id, by, c.Context.At, statement.Id, statement.Current.Number,
                        ValidApprovers(statement.Current, c.Context.At, policy).Count, after));
            return Accept([new IncidentSeverityChanged(state.Id, by, c.Context.At, state.Severity, c.Severity, c.Reason), .. requirementChanges]);
        });
}
