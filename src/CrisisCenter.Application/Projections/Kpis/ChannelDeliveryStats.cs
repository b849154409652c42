namespace CrisisCenter.Application.Projections;

/// <summary>
/// Posts of one channel by where they stand now: <see cref="Posts"/> scheduled in all, <see cref="Delivered"/>,
/// <see cref="Failing"/> (last attempt failed, a retry may follow), <see cref="Abandoned"/>, <see cref="Uncertain"/>
/// (waiting for an operator); <see cref="FailedAttempts"/> counts every failed attempt. <see cref="DeliveryLatency"/>
/// runs from when a post could first be sent (scheduled, or its not-before time) to its first delivery.
/// </summary>
public sealed record ChannelDeliveryStats(
    string Channel,
    int Posts,
    int Delivered,
    int Failing,
    int Abandoned,
    int Uncertain,
    int FailedAttempts,
    DurationStats DeliveryLatency);
