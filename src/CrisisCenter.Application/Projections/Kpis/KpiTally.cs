using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The running counts and durations behind one incident's <see cref="IncidentKpiReport"/>. Mutable: used only under
/// the lock of <see cref="IncidentKpis"/>; readers only ever see the immutable reports it produces.
/// </summary>
internal sealed class KpiTally(IncidentDeclared declared)
{
    private readonly Dictionary<(Guid Statement, int Revision), DateTimeOffset> _submittedAt = [];
    private readonly List<TimeSpan> _approvalTurnarounds = [];
    private readonly Dictionary<Guid, StatementKind> _kinds = [];
    private readonly HashSet<Guid> _published = [];
    private readonly Dictionary<Guid, DateTimeOffset> _rumorsLoggedAt = [];
    private readonly HashSet<Guid> _openRumors = [];
    private readonly HashSet<Guid> _rebuttedRumors = [];
    private readonly List<TimeSpan> _rebuttalDelays = [];
    private readonly Dictionary<Guid, PostTally> _posts = [];
    private readonly Dictionary<string, int> _failedAttempts = new(StringComparer.Ordinal);

    private DateTimeOffset _asOf = declared.At;
    private DateTimeOffset? _firstPublishedAt;
    private int _corrections;
    private int _retractions;
    private int _updateCorrections;

    public void Add(IncidentEvent @event)
    {
        if (@event.At > _asOf)
        {
            _asOf = @event.At;
        }

        switch (@event)
        {
            case StatementDrafted x:
                _kinds[x.StatementId] = x.Kind;
                break;
            case StatementSubmitted x:
                _submittedAt.TryAdd((x.StatementId, x.Revision), x.At);
                break;
            case StatementApproved x when x.ApprovalsSoFar >= x.ApprovalsRequired:
                ApprovedEnough(x.StatementId, x.Revision, x.At);
                break;
            case StatementApprovalRequirementChanged x when x.ApprovalsSoFar >= x.ApprovalsRequired:
                ApprovedEnough(x.StatementId, x.Revision, x.At);
                break;
            case StatementPublished x:
                Published(x);
                break;
            case SituationUpdateCorrected:
                _updateCorrections++;
                break;

            case RumorLogged x:
                _rumorsLoggedAt.TryAdd(x.RumorId, x.At);
                _openRumors.Add(x.RumorId);
                break;
            case RumorRebutted x:
                _openRumors.Remove(x.RumorId);
                if (_rumorsLoggedAt.TryGetValue(x.RumorId, out var loggedAt) && _rebuttedRumors.Add(x.RumorId))
                {
                    _rebuttalDelays.Add(x.At - loggedAt);
                }

                break;
            case RumorClosed x:
                _openRumors.Remove(x.RumorId);
                break;

            case ChannelPostScheduled x:
                _posts.TryAdd(x.PostId, new PostTally(x.Channel, x.NotBefore is { } notBefore && notBefore > x.At ? notBefore : x.At));
                break;
            case ChannelPostDelivered x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Delivered;
                post.FirstDeliveredAt ??= x.At;
                break;
            case ChannelPostFailed x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Failed;
                _failedAttempts[post.Channel] = _failedAttempts.GetValueOrDefault(post.Channel) + 1;
                break;
            case ChannelPostAbandoned x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Abandoned;
                break;
            case ChannelPostUncertain x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Uncertain;
                break;
        }
    }

    public IncidentKpiReport Report()
    {
        var channels = _posts.Values
            .GroupBy(post => post.Channel, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new ChannelDeliveryStats(
                group.Key,
                group.Count(),
                group.Count(post => post.Status == ChannelPostStatus.Delivered),
                group.Count(post => post.Status == ChannelPostStatus.Failed),
                group.Count(post => post.Status == ChannelPostStatus.Abandoned),
                group.Count(post => post.Status == ChannelPostStatus.Uncertain),
                _failedAttempts.GetValueOrDefault(group.Key),
                DurationStats.Of(group.Where(post => post.FirstDeliveredAt is not null).Select(post => post.FirstDeliveredAt!.Value - post.ReadyAt))))
            .ToList();

        return new IncidentKpiReport(
            declared.IncidentId,
            declared.Code,
            declared.At,
            _asOf,
            _firstPublishedAt,
            _firstPublishedAt - declared.At,
            DurationStats.Of(_approvalTurnarounds),
            _rumorsLoggedAt.Count,
            _openRumors.Count,
            DurationStats.Of(_rebuttalDelays),
            _published.Count,
            _corrections,
            _retractions,
            _updateCorrections,
            channels);
    }

    private void ApprovedEnough(Guid statementId, int revision, DateTimeOffset at)
    {
        // Counted once per revision: the first time it had enough approvals.
        if (_submittedAt.Remove((statementId, revision), out var submittedAt))
        {
            _approvalTurnarounds.Add(at - submittedAt);
        }
    }

    private void Published(StatementPublished x)
    {
        if (!_published.Add(x.StatementId))
        {
            return;
        }

        if (_firstPublishedAt is null || x.At < _firstPublishedAt)
        {
            _firstPublishedAt = x.At;
        }

        switch (_kinds.GetValueOrDefault(x.StatementId))
        {
            case StatementKind.Correction: _corrections++; break;
            case StatementKind.Retraction: _retractions++; break;
        }
    }

    private sealed class PostTally(string channel, DateTimeOffset readyAt)
    {
        public string Channel { get; } = channel;
        public DateTimeOffset ReadyAt { get; } = readyAt;
        public ChannelPostStatus Status { get; set; } = ChannelPostStatus.Scheduled;
        public DateTimeOffset? FirstDeliveredAt { get; set; }
    }
}
