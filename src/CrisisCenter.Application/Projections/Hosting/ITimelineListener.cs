namespace CrisisCenter.Application.Projections;

/// <summary>
/// Gets every timeline entry right after all read models applied its event (so a listener that queries them sees
/// the event), in store order, on the projection loop, before <see cref="ProjectionHost.Position"/> moves past it.
/// Register implementations in DI (e.g. the SignalR broadcaster).
/// </summary>
public interface ITimelineListener
{
    /// <summary>
    /// Must return quickly and never block: queue the work and send elsewhere, because every read model waits for it.
    /// <paramref name="isLive"/> is false while the host rebuilds from the store at start (history nobody is waiting for),
    /// true for events that arrived afterwards. Throwing is logged and counted; the host carries on.
    /// </summary>
    void OnApplied(TimelineEntry entry, bool isLive);
}
