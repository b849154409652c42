using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Statements;

public class SubmittingStatementTests
{
    private static SubmitStatement Submit(int revision = 1) => new(IncidentId, By(PressOfficer, At(10)), StatementId, revision);

    [Fact]
    public void submitting_the_current_revision_puts_the_statement_in_review()
    {
        var state = Given(Declared(), Drafted()).When(Submit()).Then(Submitted());
        state.Statements[StatementId].Status.Should().Be(StatementStatus.InReview);
    }

    [Fact]
    public void submitting_an_old_revision_is_stale() =>
        Given(Declared(), Drafted(), Revised()).When(Submit(revision: 1)).ThenRejects(DomainErrors.StatementStaleRevision, ErrorKind.Conflict);

    [Fact]
    public void every_required_language_needs_headline_and_body() =>
        Given(Declared(), Drafted(content: new Dictionary<Language, StatementText> { [Language.Ru] = Content[Language.Ru] }))
            .When(Submit())
            .ThenRejects(DomainErrors.StatementMissingRequiredLanguage, ErrorKind.Validation);

    [Fact]
    public void a_required_language_with_an_empty_body_is_missing() =>
        Given(Declared(), Drafted(content: new Dictionary<Language, StatementText>
            {
                [Language.Kk] = new("Алматыдағы су тасқыны", " "),
                [Language.Ru] = Content[Language.Ru],
            }))
            .When(Submit())
            .ThenRejects(DomainErrors.StatementMissingRequiredLanguage);

    [Fact]
    public void an_optional_language_must_be_complete_or_absent() =>
        Given(Declared(), Drafted(content: new Dictionary<Language, StatementText>
            {
                [Language.Kk] = Content[Language.Kk],
                [Language.Ru] = Content[Language.Ru],
                [Language.En] = new("Flood in Almaty", ""),
            }))
            .When(Submit())
            .ThenRejects(DomainErrors.StatementIncompleteLanguage);

    [Fact]
    public void a_statement_in_review_is_not_submitted_again() =>
        Given(Declared(), Drafted(), Submitted()).When(Submit()).ThenRejects(DomainErrors.StatementNotDraft, ErrorKind.Conflict);

    [Fact]
    public void a_rejected_statement_is_revised_before_it_is_submitted_again() =>
        Given(Declared(), Drafted(), Submitted(), new StatementRejected(IncidentId, Approver.UserId, At(12), StatementId, 1, "Tone"))
            .When(Submit())
            .ThenRejects(DomainErrors.StatementNotDraft);
}
