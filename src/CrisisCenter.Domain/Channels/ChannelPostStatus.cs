namespace CrisisCenter.Domain;

public enum ChannelPostStatus
{
    Scheduled,

    /// <summary>Reserved for the dispatcher's in-flight marker; no event records it yet.</summary>
    Sending,
    Delivered,

    /// <summary>The last attempt failed; the dispatcher may retry (NextRetryAt).</summary>
    Failed,

    /// <summary>Given up after retries; terminal until an operator acts.</summary>
    Abandoned,

    /// <summary>A non-idempotent send was interrupted; terminal until an operator confirms what happened.</summary>
    Uncertain,
}
