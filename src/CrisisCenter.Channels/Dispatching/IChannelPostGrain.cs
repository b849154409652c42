using CrisisCenter.Channels.Delivery;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>
/// The one sender of one post in the whole cluster: keyed by the post id, and Orleans keeps one activation per key,
/// which handles one call at a time. Every node's dispatcher may ask it to deliver; a second request waits for the
/// first and then finds the post delivered (or not yet due). A run may retry for a while, hence the long timeout.
/// </summary>
public interface IChannelPostGrain : IGrainWithGuidKey
{
    [ResponseTimeout("00:15:00")]
    Task<DeliveryRun> Deliver(Guid incidentId);
}

public sealed class ChannelPostGrain(ChannelPostDelivery delivery) : Grain, IChannelPostGrain
{
    Task<DeliveryRun> IChannelPostGrain.Deliver(Guid incidentId) => delivery.DeliverAsync(incidentId, this.GetPrimaryKey());
}
