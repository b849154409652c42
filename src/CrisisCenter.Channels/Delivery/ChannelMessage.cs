using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Delivery;

/// <summary>
/// Everything an adapter needs to send one post: the post, its statement revision and text in the post's language,
/// the incident, the channel's settings, and for a Correct/Retract post the original post and statement it amends.
/// </summary>
public sealed record ChannelMessage(
    IncidentState Incident,
    ChannelPostState Post,
    StatementState Statement,
    StatementRevision Revision,
    StatementText Text,
    ChannelTarget Target,
    ChannelPostState? OriginalPost,
    StatementState? OriginalStatement,
    Uri? PublicUrl)
{
    public Language Language => Post.Language;

    public static ChannelMessage? For(IncidentState incident, ChannelPostState post, ChannelTarget target, PublicLinks links)
    {
        if (!incident.Statements.TryGetValue(post.StatementId, out var statement)) return null;
        var revision = statement.Revisions.FirstOrDefault(r => r.Number == post.Revision);
        if (revision is null || !revision.Content.TryGetValue(post.Language, out var text)) return null;
        var original = post.OriginalPostId is { } originalId ? incident.ChannelPosts.GetValueOrDefault(originalId) : null;
        var originalStatement = original is null ? null : incident.Statements.GetValueOrDefault(original.StatementId);
        return new ChannelMessage(incident, post, statement, revision, text, target, original, originalStatement,
            links.StatementPage(post.StatementId, post.Language));
    }
}
