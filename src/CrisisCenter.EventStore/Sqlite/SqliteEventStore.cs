using System.Runtime.CompilerServices;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends go through a single group-commit writer;
/// reads and subscriptions use their own pooled connections and page through the file by position.
/// Several processes (web nodes) may open the same file: SQLite serialises their writers, and each node's
/// subscriptions poll the file so they also see what the other nodes append.
/// </summary>
public sealed class SqliteEventStore : IEventStore, ISnapshotStore, IAsyncDisposable
{
    private readonly SqliteEventStoreOptions options;
    private readonly SqliteDatabaseFile file;
    private readonly SqliteEventReader reader;
    private readonly GroupCommitWriter writer;
    private readonly SqliteSnapshots snapshots;
    private readonly CommitSignal committed = new();
    private readonly CancellationTokenSource lifetime = new();
    private int disposed;

    /// <summary>Opens (creating when missing) the file and its schema, and starts the writer.</summary>
    /// <param name="clock">The source of each event's recorded time; <see cref="TimeProvider.System"/> when null.
    /// Polling for other processes' appends runs on real time whatever the clock.</param>
    public SqliteEventStore(SqliteEventStoreOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid SQLite event store options: " + string.Join(" ", problems), nameof(options));
        this.options = options;
        clock ??= TimeProvider.System;
        file = new SqliteDatabaseFile(options);
        var connection = file.OpenWriter(out var pragmas);
        try
        {
            SqliteSchema.EnsureCurrent(connection, clock);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        WriterPragmas = pragmas;
        reader = new SqliteEventReader(file);
        snapshots = new SqliteSnapshots(file, clock);
        writer = new GroupCommitWriter(connection, clock, committed, options.MaxAppendsPerCommit);
    }

    /// <summary>journal_mode and synchronous as the writer connection reported them after opening.</summary>
    internal WriterPragmas WriterPragmas { get; }

    /// <summary>Transactions the writer has committed; fewer than the appends when group commit works.</summary>
    internal long CommitCount => writer.Commits;

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        AppendAsync(stream, expected, events, tail: null, cancellationToken);

    /// <summary>With a <paramref name="tail"/> at the expected revision (or expecting no stream) the append goes
    /// straight to its rows: the writer checks the tail's hash at its revision in the write transaction, and the
    /// UNIQUE constraints catch another writer or a repeat, after which the append is undone and decided by reading,
    /// as without a tail.</summary>
    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, StreamTail? tail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            throw new ArgumentException("An append carries at least one event.", nameof(events));
        var ids = new HashSet<Guid>();
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            ArgumentException.ThrowIfNullOrEmpty(e.Type, nameof(events));
            ArgumentNullException.ThrowIfNull(e.Metadata, nameof(events));
            if (e.EventId == Guid.Empty)
                throw new ArgumentException("Every event needs a non-empty id: the id is what makes a retried append idempotent.", nameof(events));
            if (!ids.Add(e.EventId))
                throw new ArgumentException($"Event id {e.EventId} appears twice in one append.", nameof(events));
        }
        ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<AppendResult>(cancellationToken);
        // A snapshot of the list: the caller may reuse it while the append waits in the queue.
        return writer.EnqueueAsync(new PendingAppend(stream, expected, [.. events], tail, cancellationToken));
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, long fromRevision = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var remaining = maxCount;
        var from = fromRevision;
        while (remaining > 0)
        {
            ThrowIfStopped(cancellationToken);
            var limit = (int)Math.Min(remaining, options.ReadPageSize);
            var page = reader.StreamPage(stream, from, direction, limit);
            foreach (var e in page)
            {
                ThrowIfStopped(cancellationToken);
                yield return e;
            }
            if (page.Count < limit)
                yield break;
            remaining -= page.Count;
            var last = page[^1].Revision;
            if (direction == ReadDirection.Forwards ? last == long.MaxValue : last == 0)
                yield break;
            from = direction == ReadDirection.Forwards ? last + 1 : last - 1;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(afterPosition, GlobalPosition.Start);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var remaining = maxCount;
        var cursor = afterPosition;
        while (remaining > 0)
        {
            ThrowIfStopped(cancellationToken);
            var limit = (int)Math.Min(remaining, options.ReadPageSize);
            var page = reader.AllPage(cursor, filter, limit);
            foreach (var e in page.Events)
            {
                ThrowIfStopped(cancellationToken);
                yield return e;
            }
            if (page.Events.Count < limit)
                yield break;
            remaining -= page.Events.Count;
            cursor = page.ScannedThrough;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// Reads by position from the file, page after page, for as long as it lives: the catch-up and the live
    /// part are the same loop, so the switch between them cannot lose or repeat an event, and the order is the
    /// file's order. When caught up it sleeps until this process commits or the poll interval passes (the
    /// latter is how appends of other processes on the same file arrive).
    /// Ends with <see cref="OperationCanceledException"/> when cancelled, <see cref="ObjectDisposedException"/>
    /// when the store is disposed.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(afterPosition, GlobalPosition.Start);
        ThrowIfDisposed();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
        var cursor = afterPosition;
        Task? poll = null;
        while (true)
        {
            ThrowIfStopped(cancellationToken);
            // Taken before the query: a commit that lands while we read still wakes the wait below.
            var nextCommit = committed.NextCommit;
            var page = reader.AllPage(cursor, filter, options.ReadPageSize);
            foreach (var e in page.Events)
            {
                ThrowIfStopped(cancellationToken);
                yield return e;
            }
            cursor = page.ScannedThrough;
            if (page.Events.Count == options.ReadPageSize)
                continue;
            // One poll timer at a time, reused until it fires, so frequent commits do not pile up timers.
            if (poll is null || poll.IsCompleted)
                poll = Task.Delay(options.PollInterval, stop.Token);
            await Task.WhenAny(nextCommit, poll).ConfigureAwait(false);
        }
    }

    public Task<long?> GetStreamRevisionAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ThrowIfStopped(cancellationToken);
        return Task.FromResult(reader.StreamRevision(stream));
    }

    public Task<long> GetLastPositionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfStopped(cancellationToken);
        return Task.FromResult(reader.LastPosition());
    }

    /// <summary>The snapshot cache lives in the same file, in a table of its own (see <see cref="SqliteSnapshots"/>).</summary>
    public Task<StoredSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ThrowIfStopped(cancellationToken);
        return Task.FromResult(snapshots.Read(stream));
    }

    public Task WriteSnapshotAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.Revision);
        ThrowIfStopped(cancellationToken);
        snapshots.Write(stream, snapshot);
        return Task.CompletedTask;
    }

    /// <summary>Ends subscriptions, lets the commit in progress finish, fails queued appends with
    /// <see cref="ObjectDisposedException"/> (nothing of them is written) and releases the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        await lifetime.CancelAsync().ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false);
        file.ReleasePooledConnections();
        lifetime.Dispose();
    }

    private void ThrowIfStopped(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
}
