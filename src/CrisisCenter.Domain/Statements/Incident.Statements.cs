using System.Collections.Immutable;

namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static Decision DraftStatement(IncidentState state, DraftStatement c, IncidentPolicy policy) =>
        (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
         ?? Require.Id(c.StatementId, "Statement id")
         ?? (state.Statements.ContainsKey(c.StatementId)
             ? DomainError.Conflict(DomainErrors.StatementAlreadyExists, $"Statement {c.StatementId} already exists.")
             : null)
         ?? Require.Defined(c.Kind, "Kind")
         ?? ValidContent(c.Content, policy)
         ?? ValidReferences(state, c))
        .Or(() =>
        {
            var content = c.Content.ToImmutableDictionary();
            var hash = ContentHash.Compute(c.Kind, content, c.ReferencesStatementId, c.ReferencesRumorId);
            return Accept(new StatementDrafted(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.StatementId, c.Kind, 1, content, hash,
                c.ReferencesStatementId, c.ReferencesRumorId));
        });

    private static Decision ReviseStatement(IncidentState state, ReviseStatement c, IncidentPolicy policy) =>
        WithStatement(state, c.StatementId, statement =>
        {
            var content = c.Content?.ToImmutableDictionary() ?? ImmutableDictionary<Language, StatementText>.Empty;
            var hash = ContentHash.Compute(statement.Kind, content, statement.ReferencesStatementId, statement.ReferencesRumorId);
            return (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
                    ?? NotYetPublished(statement)
                    ?? ValidContent(c.Content, policy)
                    ?? (hash == statement.Current.ContentHash
                        ? DomainError.Validation(DomainErrors.StatementRevisionUnchanged, "The new revision has the same content as the current one.")
                        : null))
                .Or(() => Accept(new StatementRevised(
                    state.Id, c.Context.Actor.UserId, c.Context.At, c.StatementId, statement.Current.Number + 1, content, hash)));
        });

    private static Decision SubmitStatement(IncidentState state, SubmitStatement c) =>
        WithStatement(state, c.StatementId, statement =>
            (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
             ?? NotYetPublished(statement)
             ?? (statement.Status == StatementStatus.Draft
                 ? null
                 : DomainError.Conflict(DomainErrors.StatementNotDraft, $"Only a draft can be submitted; the statement is {statement.Status}."))
             ?? CurrentRevision(statement, c.Revision)
             ?? LanguagesComplete(state, statement.Current))
            .Or(() => Accept(new StatementSubmitted(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.StatementId, c.Revision, statement.Current.ContentHash))));

    /// <summary>
    /// Four eyes: nobody who wrote any revision approves, and each approver counts once. An Approved statement whose
    /// approvals expired (or whose requirement rose) takes further approvals without being resubmitted.
    /// </summary>
    private static Decision ApproveStatement(IncidentState state, ApproveStatement c, IncidentPolicy policy) =>
        WithStatement(state, c.StatementId, statement =>
        {
            var approver = c.Context.Actor.UserId;
            var validApprovers = ValidApprovers(statement.Current, c.Context.At, policy);
            var required = policy.ApprovalsRequiredFor(state.Severity);
            var collectingApprovals = statement.Status == StatementStatus.InReview
                                      || (statement.Status == StatementStatus.Approved && validApprovers.Count < required);
            return (Authorization.ApproverOfLeadAgency(state, c.Context.Actor)
                    ?? NotYetPublished(statement)
                    ?? (collectingApprovals
                        ? null
                        : DomainError.Conflict(DomainErrors.StatementNotInReview, $"Only a statement in review can be approved; it is {statement.Status}."))
                    ?? CurrentRevision(statement, c.Revision)
                    ?? MatchingHash(statement, c.ContentHash)
                    ?? (statement.Authors.Contains(approver)
                        ? DomainError.Forbidden(DomainErrors.StatementSelfApproval, "An author of the statement cannot approve it.")
                        : null)
                    ?? (validApprovers.Contains(approver)
                        ? DomainError.Conflict(DomainErrors.ApprovalDuplicate, "You have already approved this revision.")
                        : null))
                .Or(() => Accept(new StatementApproved(
                    state.Id, approver, c.Context.At, c.StatementId, c.Revision, c.ContentHash, validApprovers.Count + 1, required, c.Context.Actor.SecondFactor)));
        });

    private static Decision RejectStatement(IncidentState state, RejectStatement c, IncidentPolicy policy) =>
        WithStatement(state, c.StatementId, statement =>
            (Authorization.ApproverOfLeadAgency(state, c.Context.Actor)
             ?? NotYetPublished(statement)
             ?? (statement.Status is StatementStatus.InReview or StatementStatus.Approved
                 ? null
                 : DomainError.Conflict(DomainErrors.StatementNotInReview, $"Only a statement in review can be rejected; it is {statement.Status}."))
             ?? CurrentRevision(statement, c.Revision)
             ?? Require.Text(c.Reason, "Reason", policy.MaxNoteLength))
            .Or(() => Accept(new StatementRejected(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.StatementId, c.Revision, c.Reason))));

    private static Decision WithStatement(IncidentState state, Guid statementId, Func<StatementState, Decision> decide) =>
        state.Statements.TryGetValue(statementId, out var statement)
            ? decide(statement)
            : DomainError.NotFound(DomainErrors.StatementNotFound, $"Statement {statementId} does not exist.");

    private static DomainError? NotYetPublished(StatementState statement) =>
        statement.WasPublished
            ? DomainError.Conflict(DomainErrors.StatementAlreadyPublished, "The statement is published; publish a Correction or Retraction instead.")
            : null;

    private static DomainError? CurrentRevision(StatementState statement, int revision) =>
        revision == statement.Current.Number
            ? null
            : DomainError.Conflict(
                DomainErrors.StatementStaleRevision,
                $"Revision {revision} is not the current revision ({statement.Current.Number}).");

    private static DomainError? MatchingHash(StatementState statement, string? contentHash) =>
        string.Equals(contentHash, statement.Current.ContentHash, StringComparison.Ordinal)
            ? null
            : DomainError.Conflict(DomainErrors.StatementHashMismatch, "The content hash does not match the current revision.");

    /// <summary>Approvers of the revision whose approval still holds at <paramref name="at"/>.</summary>
    private static IReadOnlySet<string> ValidApprovers(StatementRevision revision, DateTimeOffset at, IncidentPolicy policy) =>
        revision.Approvals
            .Where(approval => approval.ContentHash == revision.ContentHash && policy.IsApprovalValidAt(approval, at))
            .Select(approval => approval.Approver)
            .ToHashSet(StringComparer.Ordinal);

    private static DomainError? ValidContent(IReadOnlyDictionary<Language, StatementText>? content, IncidentPolicy policy)
    {
        if (content is null || content.Count == 0)
        {
            return DomainError.Validation(DomainErrors.StatementEmptyContent, "A statement needs text in at least one language.");
        }

        return Require.Each(content, pair =>
        {
            var (language, text) = (pair.Key, pair.Value);
            var name = Enum.IsDefined(language) ? language.ToCode() : language.ToString();
            return Require.Defined(language, "Language")
                   ?? (text is null ? DomainError.Validation(DomainErrors.Required, $"Text in {name} is missing.") : null)
                   ?? Require.OptionalText(text!.Headline, $"Headline ({name})", policy.MaxHeadlineLength)
                   ?? Require.OptionalText(text.Body, $"Body ({name})", policy.MaxBodyLength)
                   ?? Require.OptionalText(text.Instruction, $"Instruction ({name})", policy.MaxInstructionLength);
        });
    }

    /// <summary>Every required language has headline and body, and no other language is half written.</summary>
    private static DomainError? LanguagesComplete(IncidentState state, StatementRevision revision)
    {
        foreach (var language in state.RequiredLanguages)
        {
            if (!revision.Content.TryGetValue(language, out var text) || !text.IsComplete)
            {
                return DomainError.Validation(
                    DomainErrors.StatementMissingRequiredLanguage,
                    $"Required language {language.ToCode()} needs a headline and a body.");
            }
        }

        foreach (var (language, text) in revision.Content)
        {
            if (!text.IsComplete)
            {
                return DomainError.Validation(
                    DomainErrors.StatementIncompleteLanguage,
                    $"The {language.ToCode()} text needs a headline and a body, or must be removed.");
            }
        }

        return null;
    }

    private static DomainError? ValidReferences(IncidentState state, DraftStatement c)
    {
        var unexpected = DomainError.Validation(
            DomainErrors.StatementUnexpectedReference,
            $"A {c.Kind} statement cannot reference {(c.ReferencesStatementId is null ? "a rumour" : "a statement")}.");
        switch (c.Kind)
        {
            case StatementKind.Correction or StatementKind.Retraction:
                if (c.ReferencesRumorId is not null)
                {
                    return unexpected;
                }

                if (c.ReferencesStatementId is not { } originalId)
                {
                    return DomainError.Validation(DomainErrors.StatementReferenceRequired, $"A {c.Kind} must reference the published statement it amends.");
                }

                if (!state.Statements.TryGetValue(originalId, out var original))
                {
                    return DomainError.NotFound(DomainErrors.StatementNotFound, $"Statement {originalId} does not exist.");
                }

                return OriginalStillStands(original);

            case StatementKind.Rebuttal:
                if (c.ReferencesStatementId is not null)
                {
                    return unexpected;
                }

                if (c.ReferencesRumorId is not { } rumorId)
                {
                    return DomainError.Validation(DomainErrors.StatementReferenceRequired, "A Rebuttal must reference the rumour it answers.");
                }

                return state.Rumors.TryGetValue(rumorId, out var rumor)
                    ? OpenRumor(rumor)
                    : DomainError.NotFound(DomainErrors.RumorNotFound, $"Rumour {rumorId} does not exist.");

            default:
                return c.ReferencesStatementId is not null || c.ReferencesRumorId is not null ? unexpected : null;
        }
    }

    /// <summary>A Correction or Retraction needs a published original that was not retracted meanwhile.</summary>
    private static DomainError? OriginalStillStands(StatementState original) =>
        !original.WasPublished
            ? DomainError.Conflict(DomainErrors.StatementReferenceNotPublished, "Only a published statement can be corrected or retracted.")
            : original.Status == StatementStatus.Retracted
                ? DomainError.Conflict(DomainErrors.StatementReferenceRetracted, "The referenced statement has been retracted.")
                : null;
}
