using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Agreement;

/// <summary>
/// Drives the real domain (<see cref="Incident.Decide"/> / <see cref="Incident.Evolve"/>) through an incident and
/// checks after every command that the read models say what the domain's own state says.
/// </summary>
public sealed class ProjectionsAgreeWithTheDomainTests
{
    private const string Lead = "MES";

    private static readonly Actor Officer = new("u-aliya", "Aliya Nurpeisova", Lead, [Role.PressOfficer]);
    private static readonly Actor SecondOfficer = new("u-daniyar", "Daniyar Seitkali", Lead, [Role.PressOfficer]);
    private static readonly Actor Chief = new("u-yerlan", "Yerlan Tokayev", Lead, [Role.Approver]);
    private static readonly Actor SecondChief = new("u-gulnara", "Gulnara Abenova", Lead, [Role.Approver]);
    private static readonly Actor WriterAndChief = new("u-nurlan", "Nurlan Amanov", Lead, [Role.PressOfficer, Role.Approver]);

    private readonly IncidentPolicy _policy = IncidentPolicy.Default;
    private readonly IncidentBoard _board = new();
    private readonly ApprovalQueue _queue = new(IncidentPolicy.Default);
    private readonly IncidentKpis _kpis = new();
    private readonly IncidentTimeline _timeline = new();
    private readonly StoreOrder _store = new();
    private readonly Guid _id = Guid.NewGuid();
    private IncidentState _state = IncidentState.Initial;
    private int _minute;

    [Fact]
    public void board_queue_kpis_and_timeline_follow_the_domain_through_an_incident()
    {
        var (holding, rebuttal, update, rumor) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Do(Officer, c => new DeclareIncident(_id, c, "INC-2026-0042", "Flood in Almaty", "Mudflow after heavy rain.", IncidentCategory.Met,
            Severity.Severe, ["KZ-75"], Lead, ["MOH"], Visibility.Normal, [Language.Kk, Language.Ru], true));
        Do(Officer, c => new DraftStatement(_id, c, holding, StatementKind.Holding, Facts.Content(1)));
        Do(Officer, c => new SubmitStatement(_id, c, holding, 1));
        Do(Chief, c => new ApproveStatement(_id, c, holding, 1, Hash(holding)));
        _queue.For(SecondChief.UserId, Lead).Select(p => p.StatementId).Should().Equal(holding);
        _queue.For(Chief.UserId, Lead).Should().BeEmpty();

        Do(Officer, c => new LogRumor(_id, c, rumor, "The dam has broken.", "Telegram", null, Facts.At(_minute), 5_000));
        Do(Officer, c => new AssessRumor(_id, c, rumor, RumorVerdict.False, "Dam inspected."));
        Do(Officer, c => new ChangeIncidentSeverity(_id, c, Severity.Moderate, "Water receding."));
        _queue.InReview().Should().BeEmpty("one approval is enough at Moderate");

        Do(Officer, c => new PublishStatement(_id, c, holding, 1, Hash(holding), ["telegram", "feed"]));
        var firstPost = _state.Statements[holding].PostIds[0];
        Do(Actor.System, c => new RecordChannelPostFailed(_id, c, firstPost, 1, "HTTP 503", Facts.At(_minute + 1)));
        Do(Actor.System, c => new RecordChannelPostDelivered(_id, c, firstPost, 2, "msg-1"));
        var firstDeliveredAt = Facts.At(_minute);

        Do(SecondOfficer, c => new DraftStatement(_id, c, rebuttal, StatementKind.Rebuttal, Facts.Content(1), ReferencesRumorId: rumor));
        Do(SecondOfficer, c => new SubmitStatement(_id, c, rebuttal, 1));
        Do(Chief, c => new ApproveStatement(_id, c, rebuttal, 1, Hash(rebuttal)));
        Do(SecondOfficer, c => new PublishStatement(_id, c, rebuttal, 1, Hash(rebuttal), ["feed"]));

        Do(WriterAndChief, c => new DraftStatement(_id, c, update, StatementKind.Update, Facts.Content(1)));
        Do(WriterAndChief, c => new SubmitStatement(_id, c, update, 1));
        Do(Chief, c => new RejectStatement(_id, c, update, 1, "Numbers unconfirmed."));
        Do(Officer, c => new ReviseStatement(_id, c, update, Facts.Content(2)));
        Do(Officer, c => new SubmitStatement(_id, c, update, 2));
        Do(Officer, c => new ChangeIncidentSeverity(_id, c, Severity.Extreme, "Second wave."));
        Do(Chief, c => new ApproveStatement(_id, c, update, 2, Hash(update)));
        _queue.For(WriterAndChief.UserId, Lead).Should().BeEmpty("they wrote revision 1");
        _queue.For(SecondChief.UserId, Lead).Should().ContainSingle().Which.Should().BeEquivalentTo(new { StatementId = update, Revision = 2, ApprovalsRequired = 2 });

        Do(Officer, c => new AddParticipatingAgency(_id, c, "AKIMAT-ALMATY"));
        Do(Officer, c => new StabilizeIncident(_id, c, "Water receding."));

        var kpis = _kpis.For(_id)!;
        kpis.TimeToFirstPublicStatement.Should().Be(firstDeliveredAt - _state.DeclaredAt, "a statement is public from its first delivered post");
        kpis.RumorLoggedToRebutted.Count.Should().Be(1);
        kpis.ApprovalTurnaround.Count.Should().Be(2, "the holding statement (by lowered requirement) and the rebuttal");
        kpis.Channels.Single(c => c.Channel == "telegram").Should().BeEquivalentTo(new { Posts = 2, Delivered = 1, FailedAttempts = 1 });
    }

    private string Hash(Guid statementId) => _state.Statements[statementId].Current.ContentHash;

    private void Do(Actor actor, Func<CommandContext, IncidentCommand> command)
    {
        _minute += 3;
        var decision = Incident.Decide(_state, command(new CommandContext(Guid.NewGuid(), actor, Facts.At(_minute))), _policy);
        decision.IsRejected.Should().BeFalse(decision.ToString());
        foreach (var @event in decision.Events)
        {
            _state = Incident.Evolve(_state, @event);
            var recorded = _store.Record(@event);
            _board.Apply(recorded);
            _queue.Apply(recorded);
            _kpis.Apply(recorded);
            _timeline.Apply(recorded);
        }

        ShouldAgreeWithTheDomain();
    }

    private void ShouldAgreeWithTheDomain()
    {
        var statements = _state.Statements.Values;
        _board.Find(_id).Should().BeEquivalentTo(new
        {
            _state.Code, _state.Title, _state.Status, _state.Severity, _state.Regions, _state.ParticipatingAgencies,
            Revision = _state.Version - 1,
            StatementsAwaitingApproval = statements.Count(s => s.Status == StatementStatus.InReview),
            PublishedStatements = statements.Count(s => s.WasPublished),
            OpenRumors = _state.Rumors.Values.Count(r => r.Status is RumorStatus.Logged or RumorStatus.Assessed),
        });

        _queue.InReview(_id).Should().BeEquivalentTo(statements
            .Where(s => s.Status == StatementStatus.InReview)
            .Select(s => new
            {
                StatementId = s.Id, Revision = s.Current.Number, s.Current.ContentHash, Author = s.Current.Author,
                Authors = s.Authors.ToList(), SubmittedAt = s.Current.SubmittedAt!.Value,
                ApprovedBy = s.Current.Approvals.Select(a => a.Approver).ToList(),
                ApprovalsRequired = _policy.ApprovalsRequiredFor(_state.Severity),
            }));

        _kpis.For(_id).Should().BeEquivalentTo(new
        {
            PublishedStatements = statements.Count(s => s.WasPublished),
            RumorsLogged = _state.Rumors.Count,
        });
        _timeline.ForIncident(_id, limit: IncidentTimeline.MaxLimit).Should().HaveCount((int)_state.Version);
    }
}
