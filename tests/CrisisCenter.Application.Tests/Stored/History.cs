using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Tests.Stored;

/// <summary>
/// Two incidents' worth of work in store order (statements through approval, publication and channel posts, rumours,
/// a rejection, a non-incident record between them), split where a node might stop: lines after the split need what
/// was said before it (statement kinds, post targets), and a statement stays in review across it.
/// </summary>
internal sealed class History
{
    private readonly Facts _flood = new();
    private readonly Facts _fire = new();
    private readonly Guid _holding = Guid.NewGuid();
    private readonly Guid _update = Guid.NewGuid();
    private readonly Guid _rejected = Guid.NewGuid();
    private readonly Guid _post = Guid.NewGuid();
    private readonly Guid _rumor = Guid.NewGuid();

    public Guid Flood => _flood.Id;
    public Guid Fire => _fire.Id;

    public IncidentEvent[] BeforeSplit() =>
    [
        _flood.Declared(code: "INC-FLOOD"),
        _fire.Declared(at: 1, code: "INC-FIRE", lead: "emergency"),
        _flood.UpdateLogged(2, Guid.NewGuid()),
        _flood.Drafted(3, _holding),
        _flood.Submitted(4, _holding),
        _flood.Approved(5, _holding, "chief-1", soFar: 1, required: 1),
        _flood.Published(6, _holding, channels: ["website", "telegram"]),
        _flood.PostScheduled(6.5, _post, _holding, "telegram", Language.Kk),
        _fire.Drafted(7, _update, kind: StatementKind.Update),
        _fire.Submitted(8, _update, kind: StatementKind.Update),
        _flood.RumorLogged(9, _rumor),
        _fire.Drafted(10, _rejected, by: "officer-2"),
    ];

    public IncidentEvent[] AfterSplit() =>
    [
        _flood.Delivered(11, _post),
        _fire.Approved(12, _update, "chief-2", soFar: 1, required: 2, kind: StatementKind.Update),
        _fire.Submitted(13, _rejected, by: "officer-2"),
        _fire.Rejected(14, _rejected, "chief-2"),
        _flood.RumorRebutted(15, _rumor, _holding),
        _flood.SeverityChanged(16, Severity.Moderate, Severity.Severe),
        _fire.Stabilized(17),
        _flood.Closed(18),
    ];

    public async Task<long> AppendBeforeSplitAsync(StoreFile file)
    {
        var before = BeforeSplit();
        await file.AppendAllAsync(before[..6]);
        await file.AppendRawAsync("directory", "account.registered.v1", """{"userId":"u-1"}""");
        return await file.AppendAllAsync(before[6..]);
    }

    public Task<long> AppendAfterSplitAsync(StoreFile file) => file.AppendAllAsync(AfterSplit());

    /// <summary>Everything the queries answer, to compare one way of building the read models with another.</summary>
    public Answers AnswersOf(RunningProjections p) => new(
        p.Board.Query(IncidentBoardQuery.All, _ => true),
        [.. p.Approvals.InReview(), .. p.Approvals.For("chief-3", "emergency")],
        p.Timeline.ForIncident(Flood, limit: IncidentTimeline.MaxLimit),
        p.Timeline.ForIncident(Fire, afterPosition: 3, limit: 4),
        p.Timeline.Latest(Flood, 3),
        p.Timeline.After(GlobalPosition.Start, IncidentTimeline.MaxLimit),
        p.Timeline.After(4, 5, include: e => e.IncidentId == Fire));

    public sealed record Answers(
        Page<IncidentSummary> Board,
        IReadOnlyList<PendingApproval> Approvals,
        IReadOnlyList<TimelineEntry> FloodTimeline,
        IReadOnlyList<TimelineEntry> FirePage,
        IReadOnlyList<TimelineEntry> FloodLatest,
        IReadOnlyList<TimelineEntry> All,
        IReadOnlyList<TimelineEntry> FireAfter);
}
