using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Statements;

public class ApprovingStatementTests
{
    private static IncidentEvent[] InReview(Severity severity = Severity.Moderate) => [Declared(severity), Drafted(), Submitted()];

    private static ApproveStatement Approve(Actor? approver = null, int revision = 1, string? hash = null, DateTimeOffset? at = null) =>
        new(IncidentId, By(approver ?? Approver, at ?? At(15)), StatementId, revision, hash ?? Hash);

    [Fact]
    public void one_approval_approves_a_moderate_incident_statement()
    {
        var state = Given(InReview()).When(Approve()).Then(Approved(soFar: 1, required: 1));
        state.Statements[StatementId].Status.Should().Be(StatementStatus.Approved);
    }

    [Fact]
    public void a_severe_incident_statement_stays_in_review_after_one_approval()
    {
        var state = Given(InReview(Severity.Severe)).When(Approve()).Then(Approved(soFar: 1, required: 2));
        state.Statements[StatementId].Status.Should().Be(StatementStatus.InReview);
    }

    [Fact]
    public void a_second_distinct_approver_approves_an_extreme_incident_statement()
    {
        var state = Given([.. InReview(Severity.Extreme), Approved(soFar: 1, required: 2)])
            .When(Approve(SecondApprover))
            .Then(Approved(SecondApprover, soFar: 2, required: 2));
        state.Statements[StatementId].Status.Should().Be(StatementStatus.Approved);
    }

    [Fact]
    public void the_same_approver_cannot_approve_twice() =>
        Given([.. InReview(Severity.Severe), Approved(soFar: 1, required: 2)])
            .When(Approve())
            .ThenRejects(DomainErrors.ApprovalDuplicate, ErrorKind.Conflict);

    [Fact]
    public void author_cannot_approve_own_statement() =>
        Given(Declared(), Drafted(author: WriterAndApprover), Submitted())
            .When(Approve(WriterAndApprover))
            .ThenRejects(DomainErrors.StatementSelfApproval, ErrorKind.Forbidden);

    [Fact]
    public void author_of_an_earlier_revision_cannot_approve_either() =>
        Given(Declared(), Drafted(author: WriterAndApprover), Revised(),
                Submitted(revision: 2, hash: RevisedHash))
            .When(Approve(WriterAndApprover, revision: 2, hash: RevisedHash))
            .ThenRejects(DomainErrors.StatementSelfApproval);

    [Fact]
    public void approver_must_belong_to_the_lead_agency() =>
        Given(InReview()).When(Approve(ParticipatingApprover)).ThenRejects(DomainErrors.NotLeadAgencyApprover, ErrorKind.Forbidden);

    [Fact]
    public void a_press_officer_cannot_approve() =>
        Given(InReview()).When(Approve(SecondPressOfficer)).ThenRejects(DomainErrors.NotLeadAgencyApprover, ErrorKind.Forbidden);

    [Fact]
    public void approval_names_the_current_revisions_hash() =>
        Given(InReview()).When(Approve(hash: RevisedHash)).ThenRejects(DomainErrors.StatementHashMismatch, ErrorKind.Conflict);

    [Fact]
    public void approval_of_an_old_revision_is_stale() =>
        Given(Declared(), Drafted(), Revised(), Submitted(revision: 2, hash: RevisedHash))
            .When(Approve(revision: 1, hash: Hash))
            .ThenRejects(DomainErrors.StatementStaleRevision, ErrorKind.Conflict);

    [Fact]
    public void only_a_statement_in_review_is_approved() =>
        Given(Declared(), Drafted()).When(Approve()).ThenRejects(DomainErrors.StatementNotInReview, ErrorKind.Conflict);

    [Fact]
    public void an_approved_statement_takes_no_further_approvals() =>
        Given(ApprovedStatement()).When(Approve(SecondApprover)).ThenRejects(DomainErrors.StatementNotInReview);

    [Fact]
    public void a_new_revision_voids_earlier_approvals() =>
        Given([.. InReview(Severity.Severe), Approved(soFar: 1, required: 2), Revised(), Submitted(revision: 2, hash: RevisedHash)])
            .When(Approve(SecondApprover, revision: 2, hash: RevisedHash))
            .Then(Approved(SecondApprover, soFar: 1, required: 2, revision: 2, hash: RevisedHash));

    [Fact]
    public void severity_raised_during_review_raises_the_requirement() =>
        Given([.. InReview(), new IncidentSeverityChanged(IncidentId, PressOfficer.UserId, At(11), Severity.Moderate, Severity.Severe, "Spreading")])
            .When(Approve())
            .Then(Approved(soFar: 1, required: 2));

    [Fact]
    public void severity_raised_after_approval_returns_the_statement_to_review()
    {
        var state = Given(ApprovedStatement())
            .When(new ChangeIncidentSeverity(IncidentId, By(PressOfficer), Severity.Extreme, "Dam at risk"))
            .Then(
                new IncidentSeverityChanged(IncidentId, PressOfficer.UserId, At(30), Severity.Moderate, Severity.Extreme, "Dam at risk"),
                new StatementApprovalRequirementChanged(IncidentId, PressOfficer.UserId, At(30), StatementId, 1, 1, 2));
        state.Statements[StatementId].Status.Should().Be(StatementStatus.InReview);
    }

    [Fact]
    public void severity_lowered_during_review_can_complete_the_approval()
    {
        var state = Given([.. InReview(Severity.Severe), Approved(soFar: 1, required: 2)])
            .When(new ChangeIncidentSeverity(IncidentId, By(PressOfficer), Severity.Moderate, "Contained"))
            .Then(
                new IncidentSeverityChanged(IncidentId, PressOfficer.UserId, At(30), Severity.Severe, Severity.Moderate, "Contained"),
                new StatementApprovalRequirementChanged(IncidentId, PressOfficer.UserId, At(30), StatementId, 1, 1, 1));
        state.Statements[StatementId].Status.Should().Be(StatementStatus.Approved);
    }

    [Fact]
    public void an_expired_approval_no_longer_counts_and_its_approver_may_approve_again() =>
        Given([.. InReview(Severity.Severe), Approved(soFar: 1, required: 2, at: At(15))])
            .WithPolicy(IncidentPolicy.Default with { ApprovalValidity = TimeSpan.FromHours(1) })
            .When(Approve(at: At(120)))
            .Then(Approved(soFar: 1, required: 2, at: At(120)));

    [Fact]
    public void rejecting_with_a_reason_returns_the_statement_to_editing()
    {
        var state = Given(InReview())
            .When(new RejectStatement(IncidentId, By(Approver), StatementId, 1, "Casualty figure unconfirmed"))
            .Then(new StatementRejected(IncidentId, Approver.UserId, At(30), StatementId, 1, "Casualty figure unconfirmed"));
        state.Statements[StatementId].Status.Should().Be(StatementStatus.Rejected);
    }

    [Fact]
    public void a_rejected_statement_is_revisable() =>
        Given([.. InReview(), new StatementRejected(IncidentId, Approver.UserId, At(12), StatementId, 1, "Tone")])
            .When(new ReviseStatement(IncidentId, By(SecondPressOfficer, At(8)), StatementId, RevisedContent))
            .Then(Revised());

    [Fact]
    public void rejection_needs_a_reason() =>
        Given(InReview())
            .When(new RejectStatement(IncidentId, By(Approver), StatementId, 1, " "))
            .ThenRejects(DomainErrors.Required, ErrorKind.Validation);

    [Fact]
    public void only_a_lead_agency_approver_rejects() =>
        Given(InReview())
            .When(new RejectStatement(IncidentId, By(ParticipatingApprover), StatementId, 1, "No"))
            .ThenRejects(DomainErrors.NotLeadAgencyApprover, ErrorKind.Forbidden);

    [Fact]
    public void a_draft_is_not_rejected() =>
        Given(Declared(), Drafted())
            .When(new RejectStatement(IncidentId, By(Approver), StatementId, 1, "No"))
            .ThenRejects(DomainErrors.StatementNotInReview);
}
