using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Statements;

public class DraftingStatementTests
{
    private static DraftStatement Draft(
        StatementKind kind = StatementKind.Update,
        IReadOnlyDictionary<Language, StatementText>? content = null,
        Guid? referencesStatementId = null,
        Guid? referencesRumorId = null,
        Actor? actor = null,
        Guid? statementId = null) =>
        new(IncidentId, By(actor ?? PressOfficer, At(5)), statementId ?? StatementId, kind, content ?? Content, referencesStatementId, referencesRumorId);

    [Fact]
    public void drafting_creates_revision_one_with_content_and_hash()
    {
        var state = Given(Declared()).When(Draft()).Then(Drafted());
        var statement = state.Statements[StatementId];
        statement.Status.Should().Be(StatementStatus.Draft);
        statement.Current.Number.Should().Be(1);
        statement.Current.ContentHash.Should().Be(Hash);
    }

    [Fact]
    public void a_participating_agency_drafts_statements() =>
        Given(Declared()).When(Draft(actor: ParticipatingPressOfficer)).Then(Drafted(author: ParticipatingPressOfficer));

    [Fact]
    public void an_approver_without_press_officer_role_cannot_draft() =>
        Given(Declared()).When(Draft(actor: Approver)).ThenRejects(DomainErrors.NotPressOfficerOfIncident, ErrorKind.Forbidden);

    [Fact]
    public void a_statement_id_is_drafted_only_once() =>
        Given(Declared(), Drafted()).When(Draft()).ThenRejects(DomainErrors.StatementAlreadyExists, ErrorKind.Conflict);

    [Fact]
    public void a_statement_needs_text_in_some_language() =>
        Given(Declared()).When(Draft(content: new Dictionary<Language, StatementText>())).ThenRejects(DomainErrors.StatementEmptyContent);

    [Fact]
    public void a_body_longer_than_the_policy_allows_is_rejected() =>
        Given(Declared())
            .When(Draft(content: new Dictionary<Language, StatementText> { [Language.Ru] = new("Паводок", new string('я', 20_001)) }))
            .ThenRejects(DomainErrors.TooLong, ErrorKind.Validation);

    [Fact]
    public void a_headline_longer_than_the_policy_allows_is_rejected() =>
        Given(Declared())
            .When(Draft(content: new Dictionary<Language, StatementText> { [Language.Kk] = new(new string('ә', 301), "Мәтін") }))
            .ThenRejects(DomainErrors.TooLong);

    [Fact]
    public void a_correction_must_reference_a_statement() =>
        Given(Declared()).When(Draft(StatementKind.Correction)).ThenRejects(DomainErrors.StatementReferenceRequired, ErrorKind.Validation);

    [Fact]
    public void a_correction_of_an_unknown_statement_is_not_found() =>
        Given(Declared()).When(Draft(StatementKind.Correction, referencesStatementId: OtherStatementId))
            .ThenRejects(DomainErrors.StatementNotFound, ErrorKind.NotFound);

    [Fact]
    public void a_correction_must_reference_a_published_statement() =>
        Given(ApprovedStatement())
            .When(Draft(StatementKind.Correction, referencesStatementId: StatementId, statementId: OtherStatementId))
            .ThenRejects(DomainErrors.StatementReferenceNotPublished, ErrorKind.Conflict);

    [Fact]
    public void a_retraction_of_a_published_statement_is_drafted() =>
        Given(PublishedStatement())
            .When(Draft(StatementKind.Retraction, referencesStatementId: StatementId, statementId: OtherStatementId))
            .Then(Drafted(OtherStatementId, StatementKind.Retraction, referencesStatementId: StatementId));

    [Fact]
    public void a_rebuttal_must_reference_a_logged_rumour() =>
        Given(Declared()).When(Draft(StatementKind.Rebuttal, referencesRumorId: RumorId))
            .ThenRejects(DomainErrors.RumorNotFound, ErrorKind.NotFound);

    [Fact]
    public void a_rebuttal_of_a_logged_rumour_is_drafted() =>
        Given(Declared(), RumorLogged())
            .When(Draft(StatementKind.Rebuttal, referencesRumorId: RumorId))
            .Then(Drafted(kind: StatementKind.Rebuttal, referencesRumorId: RumorId));

    [Fact]
    public void an_update_cannot_reference_another_statement() =>
        Given(PublishedStatement())
            .When(Draft(referencesStatementId: StatementId, statementId: OtherStatementId))
            .ThenRejects(DomainErrors.StatementUnexpectedReference, ErrorKind.Validation);

    [Fact]
    public void revising_creates_the_next_revision_and_returns_an_approved_statement_to_draft()
    {
        var state = Given(ApprovedStatement())
            .When(new ReviseStatement(IncidentId, By(SecondPressOfficer, At(8)), StatementId, RevisedContent))
            .Then(Revised());
        var statement = state.Statements[StatementId];
        statement.Status.Should().Be(StatementStatus.Draft);
        statement.Current.Number.Should().Be(2);
        statement.Current.Approvals.Should().BeEmpty("a new revision voids earlier approvals");
        statement.Revisions[0].Approvals.Should().ContainSingle("earlier approvals stay on record");
    }

    [Fact]
    public void revising_a_statement_in_review_returns_it_to_draft()
    {
        var state = Given(Declared(), Drafted(), Submitted())
            .When(new ReviseStatement(IncidentId, By(SecondPressOfficer, At(8)), StatementId, RevisedContent))
            .Then(Revised());
        state.Statements[StatementId].Status.Should().Be(StatementStatus.Draft);
    }

    [Fact]
    public void a_revision_must_change_the_content() =>
        Given(Declared(), Drafted())
            .When(new ReviseStatement(IncidentId, By(PressOfficer), StatementId, Content))
            .ThenRejects(DomainErrors.StatementRevisionUnchanged);

    [Fact]
    public void revising_an_unknown_statement_is_not_found() =>
        Given(Declared())
            .When(new ReviseStatement(IncidentId, By(PressOfficer), StatementId, RevisedContent))
            .ThenRejects(DomainErrors.StatementNotFound, ErrorKind.NotFound);

    [Fact]
    public void a_published_statement_is_not_revised() =>
        Given(PublishedStatement())
            .When(new ReviseStatement(IncidentId, By(PressOfficer), StatementId, RevisedContent))
            .ThenRejects(DomainErrors.StatementAlreadyPublished, ErrorKind.Conflict);
}
