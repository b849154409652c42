namespace CrisisCenter.Channels.Delivery;

/// <summary>What one delivery run of a post ended with: the post's status then, and when the dispatcher should come
/// back (a recorded retry time, or a schedule not yet due); null when the post needs nothing more from it.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryRun(
    [property: Id(0)] string Outcome,
    [property: Id(1)] DateTimeOffset? ComeBackAt = null)
{
    public static DeliveryRun Finished(string outcome) => new(outcome);
}
