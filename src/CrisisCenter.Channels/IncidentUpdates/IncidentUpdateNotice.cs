namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>One change to tell one partner: the payload's bytes are fixed when the change is read from the store.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentUpdateNotice(
    [property: Id(0)] string Key,
    [property: Id(1)] Guid IncidentId,
    [property: Id(2)] Guid SourceEventId,
    [property: Id(3)] long Position,
    [property: Id(4)] byte[] Body);

public enum NoticeOutcome
{
    Delivered,

    /// <summary>Delivered or given up before (by this node or another); nothing was sent.</summary>
    AlreadyDone,

    /// <summary>The change predates the partner's subscription.</summary>
    BeforeSubscription,

    /// <summary>Not now: try again at <see cref="NoticeResult.RetryAfter"/>.</summary>
    Retry,
    Abandoned,
}

[GenerateSerializer, Immutable]
public sealed record NoticeResult([property: Id(0)] NoticeOutcome Outcome, [property: Id(1)] TimeSpan? RetryAfter = null, [property: Id(2)] string? Error = null);
