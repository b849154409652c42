using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The running counts and durations behind one incident's <see cref="IncidentKpiReport"/>. Mutable: used only under
/// the lock of <see cref="IncidentKpis"/> (or by one caller measuring a history); readers only ever see the immutable
/// reports it produces. Every duration is kept as a <see cref="KpiSample"/> naming the two events (global positions)
/// it runs between, so reports can show where each figure comes from.
/// </summary>
internal sealed class KpiTally(IncidentDeclared declared, long declaredPosition = 0)
{
    private readonly Dictionary<(Guid Statement, int Revision), (DateTimeOffset At, long Position)> _submittedAt = [];
    private readonly List<KpiSample> _approvalTurnarounds = [];
    private readonly Dictionary<Guid, StatementKind> _kinds = [];
    private readonly HashSet<Guid> _published = [];
    private readonly Dictionary<Guid, (DateTimeOffset At, long Position)> _rumorsLoggedAt = [];
    private readonly HashSet<Guid> _openRumors = [];
    private readonly HashSet<Guid> _rebuttedRumors = [];
    private readonly List<KpiSample> _rebuttalDelays = [];
    private readonly List<long> _correctionPositions = [];
    private readonly List<long> _retractionPositions = [];
    private readonly Dictionary<Guid, PostTally> _posts = [];
    private readonly Dictionary<string, int> _failedAttempts = new(StringComparer.Ordinal);

    private DateTimeOffset _asOf = declared.At;
    private DateTimeOffset? _firstPublishedAt;
    private KpiSample? _firstPublication;
    private int _corrections;
    private int _retractions;
    private int _updateCorrections;

    public void Add(IncidentEvent @event, long position = 0)
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
                _submittedAt.TryAdd((x.StatementId, x.Revision), (x.At, position));
                break;
            case StatementApproved x when x.ApprovalsSoFar >= x.ApprovalsRequired:
                ApprovedEnough(x.StatementId, x.Revision, x.At, position);
                break;
            case StatementApprovalRequirementChanged x when x.ApprovalsSoFar >= x.ApprovalsRequired:
                ApprovedEnough(x.StatementId, x.Revision, x.At, position);
                break;
            case StatementPublished x:
                Published(x, position);
                break;
            case SituationUpdateCorrected:
                _updateCorrections++;
                break;

            case RumorLogged x:
                _rumorsLoggedAt.TryAdd(x.RumorId, (x.At, position));
                _openRumors.Add(x.RumorId);
                break;
            case RumorRebutted x:
                _openRumors.Remove(x.RumorId);
                if (_rumorsLoggedAt.TryGetValue(x.RumorId, out var logged) && _rebuttedRumors.Add(x.RumorId))
                {
                    _rebuttalDelays.Add(new KpiSample(x.RumorId, null, logged.At, logged.Position, x.At, position));
                }

                break;
            case RumorClosed x:
                _openRumors.Remove(x.RumorId);
                break;

            case ChannelPostScheduled x:
                _posts.TryAdd(x.PostId, new PostTally(x.PostId, x.StatementId, x.Channel, x.NotBefore is { } notBefore && notBefore > x.At ? notBefore : x.At, position));
                break;
            case ChannelPostDelivered x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Delivered;
                if (post.FirstDeliveredAt is null)
                {
                    post.FirstDeliveredAt = x.At;
                    post.FirstDeliveredPosition = position;
                    BecamePublic(post.StatementId, x.At, position);
                }
                break;
            case ChannelPostFailed x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Failed;
                post.FailedThisRound++;
                _failedAttempts[post.Channel] = _failedAttempts.GetValueOrDefault(post.Channel) + 1;
                break;
            case ChannelPostAbandoned x when _posts.TryGetValue(x.PostId, out var post):
                post.Status = ChannelPostStatus.Abandoned;
                // Abandoned without a failed send (the channel is not configured, switched off, or the text is
                // missing): the attempt failed before it left, and counts as one, so a channel that never delivers
                // shows a failure rate rather than nothing.
                if (post.FailedThisRound == 0)
                {
                    _failedAttempts[post.Channel] = _failedAttempts.GetValueOrDefault(post.Channel) + 1;
                }
                break;
            case ChannelPostRetryRequested x when _posts.TryGetValue(x.PostId, out var post):
                post.FailedThisRound = 0;
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
                DurationStats.Of(group.Select(Latency).OfType<KpiSample>().Select(sample => sample.Duration))))
            .ToList();

        return new IncidentKpiReport(
            declared.IncidentId,
            declared.Code,
            declared.At,
            _asOf,
            _firstPublishedAt,
            _firstPublishedAt - declared.At,
            DurationStats.Of(_approvalTurnarounds.Select(sample => sample.Duration)),
            _rumorsLoggedAt.Count,
            _openRumors.Count,
            DurationStats.Of(_rebuttalDelays.Select(sample => sample.Duration)),
            _published.Count,
            _corrections,
            _retractions,
            _updateCorrections,
            channels);
    }

    /// <summary>The samples behind <see cref="Report"/>, in the order their closing events happened.</summary>
    public IncidentKpiEvidence Evidence() => new(
        declared.IncidentId,
        _firstPublication,
        [.. _approvalTurnarounds],
        [.. _rebuttalDelays],
        [.. _posts.Values.Select(post => Latency(post) is { } sample ? new ChannelLatencySample(post.Channel, sample) : null).OfType<ChannelLatencySample>().OrderBy(s => s.Sample.ToPosition)],
        [.. _correctionPositions],
        [.. _retractionPositions]);

    private static KpiSample? Latency(PostTally post) =>
        post.FirstDeliveredAt is { } deliveredAt
            ? new KpiSample(post.PostId, post.Channel, post.ReadyAt, post.ScheduledPosition, deliveredAt, post.FirstDeliveredPosition)
            : null;

    private void ApprovedEnough(Guid statementId, int revision, DateTimeOffset at, long position)
    {
        // Counted once per revision: the first time it had enough approvals.
        if (_submittedAt.Remove((statementId, revision), out var submitted))
        {
            _approvalTurnarounds.Add(new KpiSample(statementId, $"revision {revision}", submitted.At, submitted.Position, at, position));
        }
    }

    private void Published(StatementPublished x, long position)
    {
        if (!_published.Add(x.StatementId))
        {
            return;
        }

        switch (_kinds.GetValueOrDefault(x.StatementId))
        {
            case StatementKind.Correction: _corrections++; _correctionPositions.Add(position); break;
            case StatementKind.Retraction: _retractions++; _retractionPositions.Add(position); break;
        }
    }

    // A statement is public once a channel has it, not when publishing was asked for: posts that all fail (a channel
    // that is not set up, a partner that is down) leave the statement unpublished for the public, and for this measure.
    private void BecamePublic(Guid statementId, DateTimeOffset at, long position)
    {
        if (_firstPublishedAt is null || at < _firstPublishedAt)
        {
            _firstPublishedAt = at;
            _firstPublication = new KpiSample(statementId, null, declared.At, declaredPosition, at, position);
        }
    }

    private sealed class PostTally(Guid postId, Guid statementId, string channel, DateTimeOffset readyAt, long scheduledPosition)
    {
        public Guid PostId { get; } = postId;
        public Guid StatementId { get; } = statementId;
        public string Channel { get; } = channel;
        public DateTimeOffset ReadyAt { get; } = readyAt;
        public long ScheduledPosition { get; } = scheduledPosition;
        public long FirstDeliveredPosition { get; set; }
        public ChannelPostStatus Status { get; set; } = ChannelPostStatus.Scheduled;
        public DateTimeOffset? FirstDeliveredAt { get; set; }

        /// <summary>Failed sends since it was scheduled or an operator last retried it.</summary>
        public int FailedThisRound { get; set; }
    }
}
