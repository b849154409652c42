using CrisisCenter.EventStore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Channels.Administration;

/// <summary>
/// Keeps this node's <see cref="ChannelDirectory"/> live: reads the <c>channels</c> stream at start, then catches up
/// whenever the store reports a new event in it, so a channel an admin changes on any node is used by the next
/// delivery here, without a restart. The subscription is only the signal; the directory reads the stream itself, so
/// a missed or repeated signal costs nothing.
/// </summary>
public sealed partial class ChannelDirectoryFollower(IEventStore store, ChannelDirectory directory, ILogger<ChannelDirectoryFollower> logger) : BackgroundService
{
    private static readonly StreamFilter ChannelsStream = StreamFilter.Prefix(ChannelDirectory.Stream);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var head = await store.GetLastPositionAsync(stoppingToken);
                await directory.CatchUpAsync(stoppingToken);
                delay = TimeSpan.FromMilliseconds(200);
                await foreach (var recorded in store.SubscribeToAllAsync(head, ChannelsStream, stoppingToken))
                {
                    if (recorded.Stream == ChannelDirectory.Stream) await directory.CatchUpAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogFollowFailed(logger, error, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the channel directory failed; trying again in {Delay}.")]
    private static partial void LogFollowFailed(ILogger logger, Exception error, TimeSpan delay);
}
