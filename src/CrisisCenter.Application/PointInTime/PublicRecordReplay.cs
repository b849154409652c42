using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.PointInTime;

/// <summary>
/// "What was public at T": the incident's events replayed with the domain's own <see cref="Incident.Evolve"/>, keeping
/// only those that happened at or before T. The boundary is inclusive: an event whose <c>At</c> equals T counts (a
/// statement published at exactly 14:05 was public at 14:05; a correction published at 14:05:00.001 was not yet).
/// Times are compared as instants (offsets do not matter). Events keep their stream order; only their times decide
/// whether they count, so no read model or snapshot is involved.
/// </summary>
public static class PublicRecordReplay
{
    public static PublicRecord AsOf(Guid incidentId, IEnumerable<ProjectedEvent> history, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(history);
        var state = IncidentState.Initial;
        long? lastPosition = null;
        var folded = 0;
        foreach (var e in history)
        {
            if (e.Event.IncidentId != incidentId || e.Event.At > at)
                continue;

            state = Incident.Evolve(state, e.Event);
            lastPosition = e.Position;
            folded++;
        }

        return new PublicRecord(
            incidentId, at, state.Exists, lastPosition, folded, state.Code, state.Title, state.Status, state.Severity, state.Regions,
            [.. state.Statements.Values.Where(s => s.WasPublished).OrderBy(s => s.PublishedAt).ThenBy(s => s.Id).Select(Public)],
            [.. state.ChannelPosts.Values.OrderBy(p => p.StatementId).ThenBy(p => p.Channel, StringComparer.Ordinal).ThenBy(p => p.Language).ThenBy(p => p.Id).Select(Post)],
            [.. state.Rumors.Values.Where(r => r.Status is RumorStatus.Logged or RumorStatus.Assessed).OrderBy(r => r.LoggedAt).Select(Rumor)]);
    }

    private static PublicStatement Public(StatementState statement)
    {
        var revision = statement.Revisions.Single(r => r.Number == statement.PublishedRevision);
        return new PublicStatement(
            statement.Id, statement.Kind, statement.Status, revision.Number, revision.ContentHash, statement.PublishedAt!.Value,
            [.. LanguageCodes.All.Where(revision.Content.ContainsKey)],
            revision.Content, statement.ReferencesStatementId, statement.ReferencesRumorId, statement.SupersededBy);
    }

    private static PostAsOf Post(ChannelPostState post) => new(
        post.Id, post.StatementId, post.Revision, post.Channel, post.Language, post.Action, post.Status, post.Attempts,
        post.ExternalId, post.Url, post.LastError);

    private static OpenRumor Rumor(RumorState rumor) => new(
        rumor.Id, rumor.Claim, rumor.WhereSeen, rumor.Link, rumor.FirstSeenAt, rumor.LoggedAt, rumor.Status, rumor.Verdict);
}
