using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Approvals;

public sealed class ApprovalQueueTests
{
    private const string Lead = "mes";
    private const string Author = "officer-1";

    private readonly ApprovalQueue _queue = new(IncidentPolicy.Default);
    private readonly StoreOrder _store = new();
    private readonly Facts _flood = new();
    private readonly Guid _holding = Guid.NewGuid();

    [Fact]
    public void submitted_statement_waits_for_approvers_of_the_lead_agency()
    {
        _store.Feed(_queue,
            _flood.Declared(code: "INC-2026-0042", title: "Flooding in Almaty", severity: Severity.Moderate, lead: Lead),
            _flood.Drafted(1, _holding, by: Author),
            _flood.Submitted(2, _holding, by: Author));

        _queue.For("approver-1", Lead).Should().ContainSingle().Which.Should().BeEquivalentTo(new PendingApproval(
            _flood.Id, "INC-2026-0042", "Flooding in Almaty", Severity.Moderate, Lead, _holding, StatementKind.Holding,
            Revision: 1, ContentHash: Facts.Hash(StatementKind.Holding, 1), Author: Author, Authors: [Author],
            SubmittedBy: Author, SubmittedAt: Facts.At(2), ApprovedBy: [], ApprovalsRequired: 1));
    }

    [Fact]
    public void drafts_are_not_in_the_queue()
    {
        _store.Feed(_queue, _flood.Declared(lead: Lead), _flood.Drafted(1, _holding));

        _queue.For("approver-1", Lead).Should().BeEmpty();
        _queue.InReview().Should().BeEmpty();
    }

    [Fact]
    public void author_does_not_see_their_own_statement()
    {
        _store.Feed(_queue, _flood.Declared(lead: Lead), _flood.Drafted(1, _holding, by: "chief-1"), _flood.Submitted(2, _holding, by: "chief-1"));

        _queue.For("chief-1", Lead).Should().BeEmpty();
        _queue.For("approver-1", Lead).Should().ContainSingle();
    }

    [Fact]
    public void author_of_an_earlier_revision_does_not_see_it_either()
    {
        _store.Feed(_queue,
            _flood.Declared(lead: Lead),
            _flood.Drafted(1, _holding, by: "chief-1"),
            _flood.Revised(2, _holding, revision: 2, by: Author),
            _flood.Submitted(3, _holding, revision: 2, by: Author));

        var pending = _queue.InReview().Should().ContainSingle().Subject;
        pending.Author.Should().Be(Author);
        pending.Authors.Should().Equal("chief-1", Author);
        _queue.For("chief-1", Lead).Should().BeEmpty("nobody who wrote any revision approves it (four eyes)");
    }

    [Fact]
    public void approvers_of_other_agencies_do_not_see_it_even_when_participating()
    {
        _store.Feed(_queue, _flood.Declared(lead: Lead, participating: ["moh"]), _flood.Drafted(1, _holding), _flood.Submitted(2, _holding));

        _queue.For("approver-9", "moh").Should().BeEmpty();
    }

    [Fact]
    public void approver_who_approved_does_not_see_it_again_while_a_second_approval_is_missing()
    {
        _store.Feed(_queue,
            _flood.Declared(lead: Lead, severity: Severity.Severe),
            _flood.Drafted(1, _holding), _flood.Submitted(2, _holding),
            _flood.Approved(3, _holding, "approver-1", soFar: 1, required: 2));

        _queue.For("approver-1", Lead).Should().BeEmpty();
        var pending = _queue.For("approver-2", Lead).Should().ContainSingle().Subject;
        pending.ApprovedBy.Should().Equal("approver-1");
        pending.ApprovalsRequired.Should().Be(2);
        pending.ApprovalsMissing.Should().Be(1);
    }

    [Fact]
    public void statement_leaves_the_queue_when_approved_enough()
    {
        _store.Feed(_queue,
            _flood.Declared(lead: Lead, severity: Severity.Severe),
            _flood.Drafted(1, _holding), _flood.Submitted(2, _holding),
            _flood.Approved(3, _holding, "approver-1", 1, 2),
            _flood.Approved(4, _holding, "approver-2", 2, 2));

        _queue.For("approver-3", Lead).Should().BeEmpty();
        _queue.InReview().Should().BeEmpty();
    }

    [Fact]
    public void statement_leaves_the_queue_when_rejected()
    {
        _store.Feed(_queue, _flood.Declared(lead: Lead), _flood.Drafted(1, _holding), _flood.Submitted(2, _holding), _flood.Rejected(3, _holding, "approver-1"));

        _queue.For("approver-2", Lead).Should().BeEmpty();
    }

    [Fact]
    public void revision_takes_it_out_and_resubmission_brings_it_back_without_earlier_approvals()
    {
        _store.Feed(_queue,
            _flood.Declared(lead: Lead, severity: Severity.Severe),
            _flood.Drafted(1, _holding), _flood.Submitted(2, _holding),
            _flood.Approved(3, _holding, "approver-1", 1, 2),
            _flood.Revised(4, _holding, revision: 2));
        _queue.InReview().Should().BeEmpty();

        _store.Feed(_queue, _flood.Submitted(5, _holding, revision: 2));

        var pending = _queue.For("approver-1", Lead).Should().ContainSingle("approvals of revision 1 do not count for revision 2").Subject;
        pending.Revision.Should().Be(2);
        pending.ContentHash.Should().Be(Facts.Hash(StatementKind.Holding, 2));
        pending.ApprovedBy.Should().BeEmpty();
        pending.SubmittedAt.Should().Be(Facts.At(5));
    }

    [Fact]
    public void published_statement_is_gone_for_good()
    {
        _store.Feed(_queue,
            _flood.Declared(lead: Lead),
            _flood.Drafted(1, _holding), _flood.Submitted(2, _holding),
            _flood.Approved(3, _holding, "approver-1", 1, 1),
            _flood.Published(4, _holding),
            _flood.RequirementChanged(5, _holding, soFar: 1, required: 2));

        _queue.InReview().Should().BeEmpty();
    }

    [Fact]
    public void raised_requirement_brings_an_approved_statement_back_for_the_other_approvers()
    {
        _store.Feed(_queue,
            _flood.Declared(lead: Lead, severity: Severity.Moderate),
            _flood.Drafted(1, _holding), _flood.Submitted(2, _holding),
            _flood.Approved(3, _holding, "approver-1", 1, 1));
        _queue.InReview().Should().BeEmpty();

        _store.Feed(_queue,
            _flood.SeverityChanged(4, Severity.Moderate, Severity.Extreme),
            _flood.RequirementChanged(4, _holding, soFar: 1, required: 2));

        _queue.For("approver-1", Lead).Should().BeEmpty();
        _queue.For("approver-2", Lead).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Severity = Severity.Extreme, ApprovalsRequired = 2, ApprovedBy = new[] { "approver-1" },
        });
    }

    [Fact]
    public void before_any_approval_the_requirement_follows_the_policy_for_the_current_severity()
    {
        var strict = new ApprovalQueue(IncidentPolicy.Default with
        {
            ApproversRequired = new Dictionary<Severity, int> { [Severity.Moderate] = 3 },
        });
        _store.Feed(strict, _flood.Declared(lead: Lead, severity: Severity.Moderate), _flood.Drafted(1, _holding), _flood.Submitted(2, _holding));

        strict.For("approver-1", Lead).Should().ContainSingle().Which.ApprovalsRequired.Should().Be(3);
    }

    [Fact]
    public void queue_shows_oldest_submissions_first_and_current_incident_titles()
    {
        var fire = new Facts();
        var (early, late, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        _store.Feed(_queue,
            _flood.Declared(lead: Lead),
            fire.Declared(lead: Lead, code: "INC-FIRE", title: "Steppe fire"),
            _flood.Drafted(1, late), _flood.Drafted(1, early),
            fire.Drafted(1, other),
            _flood.Submitted(5, early), fire.Submitted(6, other), _flood.Submitted(7, late),
            fire.Amended(8, "Steppe fire near Karaganda", ["KZ-35"]));

        _queue.For("approver-1", Lead).Select(p => p.StatementId).Should().Equal(early, other, late);
        _queue.For("approver-1", Lead)[1].IncidentTitle.Should().Be("Steppe fire near Karaganda");
        _queue.InReview(fire.Id).Select(p => p.StatementId).Should().Equal(other);
    }
}
