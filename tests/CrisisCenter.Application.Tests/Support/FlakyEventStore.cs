using System.Runtime.CompilerServices;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Tests.Support;

/// <summary>
/// A real store whose first reads break down: the first catch-up read and the first subscription each deliver
/// <paramref name="eventsBeforeFailure"/> events and then fail as an unreachable store would.
/// </summary>
public sealed class FlakyEventStore(IEventStore inner, int eventsBeforeFailure) : IEventStore
{
    private int _readFailuresLeft = 1;
    private int _subscriptionFailuresLeft = 1;
    private int _reads;
    private int _subscriptions;

    public int Reads => Volatile.Read(ref _reads);
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Positions the reader asked to start after, in order.</summary>
    public List<long> StartedAfter { get; } = [];

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        lock (StartedAfter)
        {
            StartedAfter.Add(afterPosition);
        }

        return Breaking(inner.ReadAllAsync(afterPosition, filter, maxCount, cancellationToken), Interlocked.Decrement(ref _readFailuresLeft) >= 0);
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _subscriptions);
        lock (StartedAfter)
        {
            StartedAfter.Add(afterPosition);
        }

        return Breaking(inner.SubscribeToAllAsync(afterPosition, filter, cancellationToken), Interlocked.Decrement(ref _subscriptionFailuresLeft) >= 0);
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, long fromRevision = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, fromRevision, direction, maxCount, cancellationToken);

    public Task<long?> GetStreamRevisionAsync(string stream, CancellationToken cancellationToken = default) => inner.GetStreamRevisionAsync(stream, cancellationToken);

    public Task<long> GetLastPositionAsync(CancellationToken cancellationToken = default) => inner.GetLastPositionAsync(cancellationToken);

    private async IAsyncEnumerable<RecordedEvent> Breaking(IAsyncEnumerable<RecordedEvent> events, bool fail, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            if (fail && delivered == eventsBeforeFailure)
            {
                throw new EventStoreUnavailableException("Connection reset (simulated).");
            }

            yield return e;
            delivered++;
        }
    }
}
