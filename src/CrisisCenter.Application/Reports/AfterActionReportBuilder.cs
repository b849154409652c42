using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Reports;

/// <summary>
/// Builds the <see cref="AfterActionReport"/> of one incident from its history (store order). Statuses come from the
/// domain's own replay (<see cref="Incident.Replay"/>), timeline lines from the same narrator as the live timeline,
/// KPIs from the same tally as the KPI read model (<see cref="IncidentKpis.Measure"/>): nothing is worked out twice.
/// What this class adds is the record of each act with the position of the event that recorded it.
/// </summary>
public static class AfterActionReportBuilder
{
    public static AfterActionReport? Build(IReadOnlyList<ProjectedEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (IncidentKpis.Measure(history) is not var (kpis, evidence))
            return null;

        var state = Incident.Replay(history.Select(e => e.Event));
        var narrator = new TimelineNarrator();
        var timeline = history.Select(narrator.Narrate).ToList();
        var statements = new Dictionary<Guid, StatementRecord>();
        var posts = new Dictionary<Guid, PostRecord>();
        var rumors = new Dictionary<Guid, RumorRecord>();

        foreach (var e in history)
        {
            Recorded Act() => new(e.Event.By, e.Event.At, e.Position);
            switch (e.Event)
            {
                case StatementDrafted x:
                    statements[x.StatementId] = new StatementRecord();
                    statements[x.StatementId].Revisions.Add(new RevisionRecord(x.Revision, Act(), x.ContentHash, x.Content));
                    break;
                case StatementRevised x when statements.TryGetValue(x.StatementId, out var s):
                    s.Revisions.Add(new RevisionRecord(x.Revision, Act(), x.ContentHash, x.Content));
                    break;
                case StatementSubmitted x when statements.TryGetValue(x.StatementId, out var s):
                    s.Revision(x.Revision)?.Submitted = Act();
                    break;
                case StatementApproved x when statements.TryGetValue(x.StatementId, out var s):
                    s.Revision(x.Revision)?.Approvals.Add(new ReportApproval(Act(), x.Revision, x.ContentHash, x.ApprovalsSoFar, x.ApprovalsRequired));
                    break;
                case StatementRejected x when statements.TryGetValue(x.StatementId, out var s):
                    s.Rejections.Add(new ReportRejection(Act(), x.Revision, x.Reason));
                    break;
                case StatementPublished x when statements.TryGetValue(x.StatementId, out var s):
                    s.Publication = new ReportPublication(Act(), x.Revision, x.ContentHash, x.Channels, x.NotBefore);
                    if (state.Statements.GetValueOrDefault(x.StatementId) is { Kind: StatementKind.Correction or StatementKind.Retraction, ReferencesStatementId: { } original } superseding
                        && statements.TryGetValue(original, out var originalRecord))
                        originalRecord.SupersededBy = new ReportSupersession(x.StatementId, superseding.Kind, x.At, e.Position);
                    break;

                case ChannelPostScheduled x:
                    posts[x.PostId] = new PostRecord(x, Act());
                    break;
                case ChannelPostDelivered x when posts.TryGetValue(x.PostId, out var p):
                    p.Outcomes.Add(new PostOutcome("Delivered", x.Attempt, x.At, e.Position, x.ExternalId, x.Url, null, null));
                    break;
                case ChannelPostFailed x when posts.TryGetValue(x.PostId, out var p):
                    p.Outcomes.Add(new PostOutcome("Failed", x.Attempt, x.At, e.Position, null, null, x.Error, x.NextRetryAt));
                    break;
                case ChannelPostAbandoned x when posts.TryGetValue(x.PostId, out var p):
                    p.Outcomes.Add(new PostOutcome("Abandoned", x.Attempts, x.At, e.Position, null, null, x.Error, null));
                    break;
                case ChannelPostUncertain x when posts.TryGetValue(x.PostId, out var p):
                    p.Outcomes.Add(new PostOutcome("Uncertain", x.Attempt, x.At, e.Position, null, null, x.Note, null));
                    break;

                case RumorLogged x:
                    rumors[x.RumorId] = new RumorRecord(x, Act());
                    break;
                case RumorAssessed x when rumors.TryGetValue(x.RumorId, out var r):
                    r.Assessments.Add(new RumorAssessment(Act(), x.Verdict, x.Evidence));
                    break;
                case RumorRebutted x when rumors.TryGetValue(x.RumorId, out var r):
                    r.Rebuttal ??= new RumorRebuttal(x.StatementId, x.Revision, x.At, e.Position, x.At - r.Logged.At);
                    break;
                case RumorClosed x when rumors.TryGetValue(x.RumorId, out var r):
                    r.Closed = new RumorClosing(Act(), x.Reason);
                    break;
            }
        }

        var last = history[^1];
        return new AfterActionReport(
            state.Id, state.Code, state.Title, state.Description, state.Category, state.Severity, state.Status, state.Regions,
            state.LeadAgency, state.ParticipatingAgencies, state.Visibility, state.DeclaredAt, state.DeclaredBy,
            kpis.AsOf, last.Position, history.Count, timeline,
            [.. statements.Select(pair => pair.Value.ToReport(pair.Key, state.Statements[pair.Key])).OrderBy(s => s.Revisions[0].Written.Position)],
            [.. posts.Values.Select(p => p.ToReport(state.ChannelPosts.GetValueOrDefault(p.Scheduled.PostId)?.Status ?? ChannelPostStatus.Scheduled)).OrderBy(p => p.Scheduled.Position)],
            [.. rumors.Values.Select(r => r.ToReport(state.Rumors.GetValueOrDefault(r.Event.RumorId)?.Status ?? RumorStatus.Logged)).OrderBy(r => r.Logged.Position)],
            kpis, evidence);
    }

    private sealed class StatementRecord
    {
        public List<RevisionRecord> Revisions { get; } = [];
        public List<ReportRejection> Rejections { get; } = [];
        public ReportPublication? Publication { get; set; }
        public ReportSupersession? SupersededBy { get; set; }

        public RevisionRecord? Revision(int number) => Revisions.LastOrDefault(r => r.Number == number);

        public ReportStatement ToReport(Guid id, StatementState state) => new(
            id, state.Kind, state.Status, state.ReferencesStatementId, state.ReferencesRumorId,
            [.. Revisions.Select((revision, i) => revision.ToReport(i == 0 ? null : Revisions[i - 1]))],
            Rejections, Publication, SupersededBy);
    }

    private sealed class RevisionRecord(int number, Recorded written, string contentHash, IReadOnlyDictionary<Language, StatementText> content)
    {
        public int Number { get; } = number;
        public Recorded? Submitted { get; set; }
        public List<ReportApproval> Approvals { get; } = [];
        private IReadOnlyDictionary<Language, StatementText> Content { get; } = content;

        public ReportRevision ToReport(RevisionRecord? previous) =>
            new(Number, written, contentHash, Content, previous is null ? [] : Changes(previous.Content, Content), Submitted, Approvals);

        private static List<FieldChange> Changes(IReadOnlyDictionary<Language, StatementText> before, IReadOnlyDictionary<Language, StatementText> after)
        {
            var changes = new List<FieldChange>();
            foreach (var language in LanguageCodes.All)
            {
                var old = before.GetValueOrDefault(language);
                var @new = after.GetValueOrDefault(language);
                Field(language, "headline", old?.Headline, @new?.Headline);
                Field(language, "body", old?.Body, @new?.Body);
                Field(language, "instruction", old?.Instruction, @new?.Instruction);
            }

            return changes;

            void Field(Language language, string field, string? old, string? @new)
            {
                if (!string.Equals(old ?? "", @new ?? "", StringComparison.Ordinal))
                    changes.Add(new FieldChange(language, field, TextDiff.Between(old, @new)));
            }
        }
    }

    private sealed class PostRecord(ChannelPostScheduled scheduled, Recorded act)
    {
        public ChannelPostScheduled Scheduled { get; } = scheduled;
        public List<PostOutcome> Outcomes { get; } = [];

        public ReportPost ToReport(ChannelPostStatus status) => new(
            Scheduled.PostId, Scheduled.StatementId, Scheduled.Revision, Scheduled.Channel, Scheduled.Language, Scheduled.Action,
            Scheduled.OriginalPostId, act, Scheduled.NotBefore, status, Outcomes);
    }

    private sealed class RumorRecord(RumorLogged logged, Recorded act)
    {
        public RumorLogged Event { get; } = logged;
        public Recorded Logged { get; } = act;
        public List<RumorAssessment> Assessments { get; } = [];
        public RumorRebuttal? Rebuttal { get; set; }
        public RumorClosing? Closed { get; set; }

        public ReportRumor ToReport(RumorStatus status) => new(
            Event.RumorId, Event.Claim, Event.WhereSeen, Event.Link, Event.FirstSeenAt, Event.EstimatedReach, Logged, status,
            Assessments, Rebuttal, Closed);
    }
}
