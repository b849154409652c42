namespace CrisisCenter.Application.Projections;

/// <summary>
/// Callers waiting for the projections to reach a global position, sorted by that position, so each applied event
/// releases exactly the waiters it satisfies: no polling, nothing done per waiter until its position is reached.
/// An applied event that no waiter needs costs one read of <see cref="_lowestWaited"/>, not the lock.
/// </summary>
internal sealed class PositionWaiters
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, List<Waiter>> _byPosition = [];
    private bool _closed;

    /// <summary>The lowest position anyone waits for (<see cref="long.MaxValue"/> when nobody waits); written under
    /// the lock. A waiter lowers it (a full fence) before it checks the position reached a last time, and the host
    /// publishes a position (a full fence) before <see cref="Reached"/> reads this, so one of the two always sees
    /// the other: a waiter is never left behind by an event that skipped the lock.</summary>
    private long _lowestWaited = long.MaxValue;

    /// <summary>Completes once <see cref="Reached"/> is called with a position at or after <paramref name="position"/>.</summary>
    /// <param name="current">Reads the position reached so far; checked under the lock to close the race with <see cref="Reached"/>.</param>
    public Task WaitAsync(long position, Func<long> current, CancellationToken cancellationToken)
    {
        if (current() >= position)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var waiter = new Waiter(position);
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromException(new OperationCanceledException("The projection host has stopped."));
            }

            if (position < _lowestWaited)
            {
                Interlocked.Exchange(ref _lowestWaited, position);
            }

            if (current() >= position)
            {
                UpdateLowestWaited();
                return Task.CompletedTask;
            }

            if (!_byPosition.TryGetValue(position, out var waiters))
            {
                _byPosition[position] = waiters = [];
            }

            waiters.Add(waiter);

            // Under the lock (it is re-entrant: a token cancelled meanwhile runs Cancel right here) so that
            // Reached and Close always see the registration they must undo.
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return waiter.Completion.Task;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byPosition.Values.Sum(waiters => waiters.Count);
            }
        }
    }

    /// <summary>Releases every waiter of a position up to <paramref name="position"/>; call after publishing it.</summary>
    public void Reached(long position)
    {
        if (position < Volatile.Read(ref _lowestWaited))
        {
            return;
        }

        List<Waiter>? released = null;
        lock (_gate)
        {
            List<long>? reached = null;
            foreach (var (first, waiters) in _byPosition)
            {
                if (first > position)
                {
                    break;
                }

                (reached ??= []).Add(first);
                foreach (var waiter in waiters)
                {
                    waiter.Registration.Unregister();
                }

                (released ??= []).AddRange(waiters);
            }

            foreach (var first in reached ?? [])
            {
                _byPosition.Remove(first);
            }

            UpdateLowestWaited();
        }

        foreach (var waiter in released ?? [])
        {
            waiter.Completion.TrySetResult();
        }
    }

    /// <summary>Fails every waiter and refuses new ones: the host stopped and will not reach them.</summary>
    public void Close()
    {
        List<Waiter> abandoned;
        lock (_gate)
        {
            _closed = true;
            abandoned = [.. _byPosition.Values.SelectMany(waiters => waiters)];
            _byPosition.Clear();
            UpdateLowestWaited();
            foreach (var waiter in abandoned)
            {
                waiter.Registration.Unregister();
            }
        }

        foreach (var waiter in abandoned)
        {
            waiter.Completion.TrySetException(new OperationCanceledException("The projection host has stopped."));
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byPosition.TryGetValue(waiter.Position, out var waiters) && waiters.Remove(waiter) && waiters.Count == 0)
            {
                _byPosition.Remove(waiter.Position);
                UpdateLowestWaited();
            }
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    /// <summary>Under the lock, after waiters left.</summary>
    private void UpdateLowestWaited()
    {
        var lowest = long.MaxValue;
        foreach (var first in _byPosition.Keys)
        {
            lowest = first;
            break;
        }

        Volatile.Write(ref _lowestWaited, lowest);
    }

    private sealed class Waiter(long position)
    {
        public long Position { get; } = position;

        // Continuations run off the projection loop, so a slow caller never delays the next event.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
