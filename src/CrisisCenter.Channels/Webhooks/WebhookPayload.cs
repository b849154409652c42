using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Webhooks;

/// <summary>
/// The JSON a partner receives. <see cref="Id"/> is the post's idempotency key (also the Idempotency-Key header):
/// the same post always carries the same id and the same body, however often it is sent.
/// </summary>
public sealed record WebhookPayload(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    WebhookPayload.IncidentPart Incident,
    WebhookPayload.StatementPart Statement,
    WebhookPayload.AmendsPart? Amends)
{
    public const string Published = "statement.published";
    public const string Corrected = "statement.corrected";
    public const string Retracted = "statement.retracted";

    public sealed record IncidentPart(Guid Id, string Code, string Title, string Category, string Severity, IReadOnlyList<string> Regions, bool IsPublicWarning);

    public sealed record StatementPart(
        Guid Id, int Revision, string Kind, string Language, string Headline, string Body, string? Instruction, string ContentHash, string? Url);

    /// <summary>For corrections and retractions: the statement and earlier delivery (our post id, the partner's
    /// external id) this one amends.</summary>
    public sealed record AmendsPart(Guid StatementId, Guid PostId, string? ExternalId);

    public static WebhookPayload From(ChannelMessage message)
    {
        var incident = message.Incident;
        var type = message.Post.Action switch
        {
            ChannelPostAction.Correct => Corrected,
            ChannelPostAction.Retract => Retracted,
            _ => Published,
        };
        return new WebhookPayload(
            message.Post.IdempotencyKey,
            type,
            message.Statement.PublishedAt ?? message.Revision.At,
            new IncidentPart(incident.Id, incident.Code, incident.Title, incident.Category.ToString(), incident.Severity.ToString(), [.. incident.Regions], incident.IsPublicWarning),
            new StatementPart(message.Statement.Id, message.Revision.Number, message.Statement.Kind.ToString(), message.Language.ToCode(),
                message.Text.Headline, message.Text.Body, message.Text.Instruction, message.Revision.ContentHash, message.PublicUrl?.ToString()),
            message.OriginalPost is { } original ? new AmendsPart(original.StatementId, original.Id, original.ExternalId) : null);
    }
}
