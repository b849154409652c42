namespace CrisisCenter.Domain;

public sealed record ChannelPostState(
    Guid Id,
    Guid StatementId,
    int Revision,
    string Channel,
    Language Language,
    ChannelPostAction Action,
    Guid? OriginalPostId,
    string IdempotencyKey,
    DateTimeOffset? NotBefore,
    ChannelPostStatus Status)
{
    /// <summary>Attempts recorded so far (delivered, failed or interrupted).</summary>
    public int Attempts { get; init; }
    public string? ExternalId { get; init; }
    public string? Url { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? NextRetryAt { get; init; }
    public string? Note { get; init; }

    /// <summary>Attempts recorded before the last operator retry (0 if none): the dispatcher's attempt budget and
    /// backoff start over from here, while attempt numbers go on counting.</summary>
    public int AttemptsBeforeRetry { get; init; }

    /// <summary>Abandoned and Uncertain posts wait for an operator; the dispatcher must not touch them.</summary>
    public bool AwaitsOperator => Status is ChannelPostStatus.Abandoned or ChannelPostStatus.Uncertain;
}
