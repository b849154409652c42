namespace CrisisCenter.Domain;

public enum ChannelPostStatus
{
    Scheduled,

    /// <summary>A send to a channel without idempotency began (<see cref="ChannelPostSending"/>) and has no outcome
    /// yet. Found after a restart, it means "maybe sent": the dispatcher marks it Uncertain, never sends again.</summary>
    Sending,
    Delivered,

    /// <summary>The last attempt failed; the dispatcher may retry (NextRetryAt).</summary>
    Failed,

    /// <summary>Given up after retries; terminal until an operator acts.</summary>
    Abandoned,

    /// <summary>A non-idempotent send was interrupted; terminal until an operator confirms what happened.</summary>
    Uncertain,
}
