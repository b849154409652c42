using System.Threading.Channels;

namespace CrisisCenter.EventStore.Tests.Contract;

/// <summary>Runs a subscription in the background and lets a test take what it delivered, with a deadline.</summary>
public sealed class SubscriptionProbe : IAsyncDisposable
{
    private readonly Channel<RecordedEvent> delivered = Channel.CreateUnbounded<RecordedEvent>();
    private readonly CancellationTokenSource stop = new();

    private SubscriptionProbe(IEventStore store, long afterPosition, StreamFilter filter) =>
        Completion = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in store.SubscribeToAllAsync(afterPosition, filter, stop.Token))
                    await delivered.Writer.WriteAsync(e);
            }
            finally
            {
                delivered.Writer.TryComplete();
            }
        });

    /// <summary>How the subscription ended: faulted or cancelled when it threw, completed when it just stopped.</summary>
    public Task Completion { get; }

    public static SubscriptionProbe Start(IEventStore store, long afterPosition, StreamFilter filter) => new(store, afterPosition, filter);

    /// <summary>The next <paramref name="count"/> events, failing the test if they do not arrive in time.</summary>
    public async Task<List<RecordedEvent>> TakeAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var taken = new List<RecordedEvent>(count);
        try
        {
            while (taken.Count < count)
                taken.Add(await delivered.Reader.ReadAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The subscription delivered {taken.Count} of {count} expected events within {timeout}.");
        }
        return taken;
    }

    /// <summary>Every event delivered up to and including the one with <paramref name="eventId"/>.</summary>
    public async Task<List<RecordedEvent>> TakeUntilAsync(Guid eventId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var taken = new List<RecordedEvent>();
        try
        {
            while (taken.Count == 0 || taken[^1].EventId != eventId)
                taken.Add(await delivered.Reader.ReadAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The subscription did not deliver event {eventId} within {timeout} ({taken.Count} events before it).");
        }
        return taken;
    }

    /// <summary>Events already delivered and not taken yet.</summary>
    public List<RecordedEvent> Pending()
    {
        var pending = new List<RecordedEvent>();
        while (delivered.Reader.TryRead(out var e))
            pending.Add(e);
        return pending;
    }

    public void Cancel() => stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // The ordinary way for a cancelled subscription to end.
        }
        catch (ObjectDisposedException)
        {
            // The store was disposed first; the subscription ended with it.
        }
        stop.Dispose();
    }
}
