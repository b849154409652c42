namespace CrisisCenter.Application.Projections;

/// <summary>
/// Callers waiting for the projections to reach a global position, sorted by that position, so each applied event
/// releases exactly the waiters it satisfies: no polling, nothing done per waiter until its position is reached.
/// </summary>
internal sealed class PositionWaiters
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, List<Waiter>> _byPosition = [];
    private bool _closed;

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
            if (current() >= position)
            {
                return Task.CompletedTask;
            }

            if (_closed)
            {
                return Task.FromException(new OperationCanceledException("The projection host has stopped."));
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
        List<Waiter>? released = null;
        lock (_gate)
        {
            while (_byPosition.Count > 0)
            {
                var (first, waiters) = _byPosition.First();
                if (first > position)
                {
                    break;
                }

                _byPosition.Remove(first);
                foreach (var waiter in waiters)
                {
                    waiter.Registration.Unregister();
                }

                (released ??= []).AddRange(waiters);
            }
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
            }
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(long position)
    {
        public long Position { get; } = position;

        // Continuations run off the projection loop, so a slow caller never delays the next event.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
