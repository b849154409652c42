using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>
/// How the channel services on every node follow the incidents' events: read everything stored first, say "caught
/// up", then follow live; after a store failure start again from the last event seen, waiting 200 ms doubling up to
/// 30 s. "Caught up" is the end of the first read, not a position: the store's last event may belong to a stream the
/// filter never yields (users, templates, partner updates).
/// </summary>
internal static class IncidentEventFollower
{
    private static readonly StreamFilter IncidentStreamsOnly = StreamFilter.Prefix(IncidentStreams.Prefix);

    public static async Task FollowAsync(
        IEventStore store, Action<RecordedEvent, IncidentEvent> apply, Action caughtUp, Action<long, Exception> failed,
        TimeProvider clock, CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromMilliseconds(200);
        var position = GlobalPosition.Start;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var recorded in store.ReadAllAsync(position, IncidentStreamsOnly, cancellationToken: stoppingToken))
                {
                    if (IncidentEventSerializer.Deserialize(recorded) is { } e) apply(recorded, e);
                    position = recorded.Position;
                }

                caughtUp();
                await foreach (var recorded in store.SubscribeToAllAsync(position, IncidentStreamsOnly, stoppingToken))
                {
                    if (IncidentEventSerializer.Deserialize(recorded) is { } e) apply(recorded, e);
                    position = recorded.Position;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                failed(position, error);
                await Task.Delay(retry, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
