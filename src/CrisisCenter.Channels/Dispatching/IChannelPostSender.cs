using CrisisCenter.Channels.Delivery;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>Where the dispatcher hands a due post.</summary>
public interface IChannelPostSender
{
    Task<DeliveryRun> DeliverAsync(Guid incidentId, Guid postId, CancellationToken cancellationToken);
}

/// <summary>Through the post's grain: one sender per post across the cluster.</summary>
public sealed class GrainChannelPostSender(IGrainFactory grains) : IChannelPostSender
{
    public Task<DeliveryRun> DeliverAsync(Guid incidentId, Guid postId, CancellationToken cancellationToken) =>
        grains.GetGrain<IChannelPostGrain>(postId).Deliver(incidentId).WaitAsync(cancellationToken);
}
