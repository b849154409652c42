using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Delivery;

/// <summary>
/// The dispatcher's commands to an incident, as the platform. Command ids are derived from (post, the incident
/// version the run started from, attempt, kind of outcome): when a call to the incident fails after the store took
/// the outcome, recording it again is answered as a duplicate, not stored twice; a later run (after an operator's
/// retry) starts from another version, so its outcomes are new commands even at the same attempt count.
/// </summary>
internal sealed class OutcomeCommands(Guid incidentId, Guid postId, long basis, TimeProvider clock)
{
    private const int MaxText = 4_000;
    private static readonly Guid Namespace = new("3c4e5a71-9d2b-5f08-a6c1-8e7f90b1d2c3");

    public RecordChannelPostSending Sending(int attempt) => new(incidentId, Context("sending", attempt), postId, attempt);

    public RecordChannelPostDelivered Delivered(int attempt, string externalId, string? url) =>
        new(incidentId, Context("delivered", attempt), postId, attempt, Truncate(externalId, 2_000), url is null ? null : TextPolicy.Clean(url));

    public RecordChannelPostFailed Failed(int attempt, string error, DateTimeOffset nextRetryAt) =>
        new(incidentId, Context("failed", attempt), postId, attempt, Truncate(error), nextRetryAt);

    public AbandonChannelPost Abandon(int attempts, string error) => new(incidentId, Context("abandoned", attempts), postId, attempts, Truncate(error));

    public MarkChannelPostUncertain Uncertain(int attempt, string note) => new(incidentId, Context("uncertain", attempt), postId, attempt, Truncate(note));

    private CommandContext Context(string outcome, int attempt) =>
        new(DeterministicGuid.Create(Namespace, $"{postId:N}/{basis}/{attempt}/{outcome}"), Actor.System, clock.GetUtcNow());

    // What a channel answered is recorded, never refused: characters the domain's text policy refuses (a control
    // character in a server's error page) become U+FFFD instead of failing the outcome and looping the post.
    private static string Truncate(string text, int max = MaxText) =>
        string.IsNullOrWhiteSpace(text) ? "(no message)" : TextPolicy.Clean(text.Length <= max ? text : text[..(max - 1)] + "…");
}
