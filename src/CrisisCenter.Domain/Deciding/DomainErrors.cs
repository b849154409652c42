namespace CrisisCenter.Domain;

/// <summary>
/// Every code a <see cref="DomainError"/> can carry. Codes are a public contract (clients switch on them):
/// add new ones, never rename. Format: "area.reason", lower snake case.
/// </summary>
public static class DomainErrors
{
    // Input shape (Validation)
    public const string Required = "input.required";
    public const string TooLong = "input.too_long";
    public const string UnknownValue = "input.unknown_value";
    public const string OutOfRange = "input.out_of_range";
    public const string InvalidLink = "input.invalid_link";
    public const string ForbiddenCharacter = "input.forbidden_character";

    // Authorisation (Forbidden)
    public const string NotPressOfficerOfIncident = "auth.not_press_officer_of_incident";
    public const string NotPressOfficerOfLeadAgency = "auth.not_press_officer_of_lead_agency";
    public const string ObserverRegionNotPermitted = "auth.observer_region_not_permitted";
    public const string SystemOnly = "auth.system_only";

    // Incident
    public const string IncidentNotFound = "incident.not_found";
    public const string IncidentAlreadyDeclared = "incident.already_declared";
    public const string IncidentIdMismatch = "incident.id_mismatch";
    public const string IncidentClosed = "incident.closed";
    public const string IncidentNotActive = "incident.not_active";
    public const string IncidentNotClosed = "incident.not_closed";
    public const string SeverityUnchanged = "incident.severity_unchanged";

    // Reminders
    public const string NoUpdateCadence = "reminder.no_cadence";
    public const string UpdateNotOverdue = "reminder.not_overdue";
    public const string UpdateOverdueAlreadyRecorded = "reminder.already_recorded";

    // Reference data
    public const string UnknownRegion = "region.unknown";
    public const string RegionNotInIncident = "region.not_in_incident";

    // Agencies
    public const string AgencyAlreadyParticipating = "agency.already_participating";
    public const string AgencyNotParticipating = "agency.not_participating";
    public const string LeadAgencyCannotLeave = "agency.lead_cannot_leave";

    // Situation updates
    public const string SituationUpdateAlreadyLogged = "situation_update.already_logged";
    public const string SituationUpdateNotFound = "situation_update.not_found";
    public const string SituationUpdateAlreadyCorrected = "situation_update.already_corrected";

    // Statements
    public const string StatementAlreadyExists = "statement.already_exists";
    public const string StatementNotFound = "statement.not_found";
    public const string StatementEmptyContent = "statement.empty_content";
    public const string StatementReferenceRequired = "statement.reference_required";
    public const string StatementUnexpectedReference = "statement.unexpected_reference";
    public const string StatementReferenceNotPublished = "statement.reference_not_published";
    public const string StatementReferenceRetracted = "statement.reference_retracted";
    public const string StatementRevisionUnchanged = "statement.revision_unchanged";
    public const string StatementAlreadyPublished = "statement.already_published";
    public const string StatementNotDraft = "statement.not_draft";
    public const string StatementNotInReview = "statement.not_in_review";
    public const string StatementNotApproved = "statement.not_approved";
    public const string StatementStaleRevision = "statement.stale_revision";
    public const string StatementHashMismatch = "statement.hash_mismatch";
    public const string StatementSelfApproval = "statement.self_approval";
    public const string StatementMissingRequiredLanguage = "statement.missing_required_language";
    public const string StatementIncompleteLanguage = "statement.incomplete_language";
    public const string StatementMissingOriginalLanguage = "statement.missing_original_language";
    public const string StatementInsufficientApprovals = "statement.insufficient_approvals";

    // Approvals
    public const string NotLeadAgencyApprover = "approval.not_lead_agency_approver";
    public const string ApprovalDuplicate = "approval.duplicate";
    public const string ApprovalExpired = "approval.expired";

    // Channels
    public const string ChannelRequired = "channel.required";
    public const string ChannelDuplicate = "channel.duplicate";
    public const string ChannelPostNotFound = "channel_post.not_found";
    public const string ChannelPostAlreadyDelivered = "channel_post.already_delivered";
    public const string ChannelPostAwaitingOperator = "channel_post.awaiting_operator";
    public const string ChannelPostAttemptOutOfSequence = "channel_post.attempt_out_of_sequence";
    public const string ChannelPostAlreadySending = "channel_post.already_sending";
    public const string ChannelPostNotAwaitingOperator = "channel_post.not_awaiting_operator";
    public const string ChannelPostNotUncertain = "channel_post.not_uncertain";

    // Rumours
    public const string RumorAlreadyLogged = "rumor.already_logged";
    public const string RumorNotFound = "rumor.not_found";
    public const string RumorClosed = "rumor.closed";
    public const string RumorFirstSeenInFuture = "rumor.first_seen_in_future";
    public const string RumorNotRebuttable = "rumor.not_rebuttable";
}
