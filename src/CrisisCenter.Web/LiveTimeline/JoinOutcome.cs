namespace CrisisCenter.Web.LiveTimeline;

/// <summary>How a join went; the hub turns every refusal into a message for the client.</summary>
internal enum JoinOutcome
{
    Joined,
    NotConnected,
    TooManyJoins,

    /// <summary>The connection fell too far behind and is being closed.</summary>
    Overflowed,
}
