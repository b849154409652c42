using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>
/// The only writer of the file in this process. Appends queue up while a commit is being fsynced; the
/// next turn of the loop takes all that are waiting (up to a bound) and commits them in ONE transaction,
/// so a burst of N appends costs a handful of fsyncs instead of N. Each append runs in its own SAVEPOINT:
/// a wrong expected revision rolls back that append alone and the rest of the batch still commits.
/// Being the single writer is also what keeps positions in commit order within this process.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const string Savepoint = "append";

    private readonly Channel<PendingAppend> queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection connection;
    private readonly StreamAppendStatements statements;
    private readonly CommitSignal committed;
    private readonly int maxAppendsPerCommit;
    private readonly Task loop;
    private volatile bool stopping;
    private long commits;

    public GroupCommitWriter(SqliteConnection connection, TimeProvider clock, CommitSignal committed, int maxAppendsPerCommit)
    {
        this.connection = connection;
        this.committed = committed;
        this.maxAppendsPerCommit = maxAppendsPerCommit;
        statements = new StreamAppendStatements(connection, clock);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far; with group commit, fewer than the appends they carried.</summary>
    public long Commits => Interlocked.Read(ref commits);

    public Task<AppendResult> EnqueueAsync(PendingAppend append)
    {
        if (stopping || !queue.Writer.TryWrite(append))
            throw new ObjectDisposedException(nameof(SqliteEventStore));
        return append.Outcome;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(maxAppendsPerCommit);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < maxAppendsPerCommit && queue.Reader.TryRead(out var append))
            {
                if (stopping)
                    append.Fail(new ObjectDisposedException(nameof(SqliteEventStore), "The event store was disposed before this append was written; nothing of it is stored."));
                else if (append.CancellationToken.IsCancellationRequested)
                    append.Cancel();
                else
                    batch.Add(append);
            }
            if (batch.Count > 0)
                CommitBatch(batch);
        }
    }

    private void CommitBatch(List<PendingAppend> batch)
    {
        var outcomes = new (AppendOutcome Ok, Exception? Error)[batch.Count];
        try
        {
            // IMMEDIATE takes the file's write lock up front (waiting out other processes for the busy
            // timeout) instead of failing halfway when a read transaction cannot be upgraded.
            using var transaction = connection.BeginTransaction(deferred: false);
            statements.Enlist(transaction);
            try
            {
                for (var i = 0; i < batch.Count; i++)
                    outcomes[i] = ApplyInOwnSavepoint(transaction, batch[i]);
                transaction.Commit();
            }
            finally
            {
                statements.Enlist(null);
            }
        }
        catch (Exception e)
        {
            // The transaction as a whole failed (lock timeout, I/O error, disk full): none of the batch is stored.
            var error = Unavailable(e);
            foreach (var append in batch)
                append.Fail(error);
            return;
        }

        Interlocked.Increment(ref commits);
        var wroteAny = false;
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                batch[i].Fail(error);
                continue;
            }
            wroteAny |= outcomes[i].Ok.Wrote;
            batch[i].Succeed(outcomes[i].Ok.Result);
        }
        if (wroteAny)
            committed.Committed();
    }

    private (AppendOutcome Ok, Exception? Error) ApplyInOwnSavepoint(SqliteTransaction transaction, PendingAppend append)
    {
        transaction.Save(Savepoint);
        try
        {
            var outcome = ApplyAtKnownTailElseReading(transaction, append);
            transaction.Release(Savepoint);
            return (outcome, null);
        }
        catch (Exception e)
        {
            // Undo this append only. If SQLite already abandoned the whole transaction (it does on I/O errors
            // and a full disk), undoing fails and the batch fails as a whole in CommitBatch, which is the truth:
            // nothing of it will be stored.
            try
            {
                transaction.Rollback(Savepoint);
                transaction.Release(Savepoint);
            }
            catch (Exception undoFailure)
            {
                throw new EventStoreUnavailableException($"The SQLite event store lost its transaction while writing to '{append.Stream}': {e.Message}", new AggregateException(e, undoFailure));
            }
            return (default, e is EventStoreException ? e : Unavailable(e));
        }
    }

    /// <summary>Writes straight after the tail the appender named when it can; when the rows clash with stored ones
    /// (another writer took the revision, or the ids are stored: a repeat), undoes that and decides by reading.</summary>
    private AppendOutcome ApplyAtKnownTailElseReading(SqliteTransaction transaction, PendingAppend append)
    {
        try
        {
            if (statements.ApplyAtKnownTail(append) is { } written)
                return written;
        }
        catch (SqliteException clash) when (clash.SqliteErrorCode == StreamAppendStatements.ConstraintViolation)
        {
            transaction.Rollback(Savepoint);
        }
        return statements.Apply(append);
    }

    private static EventStoreUnavailableException Unavailable(Exception e) =>
        e as EventStoreUnavailableException ?? new EventStoreUnavailableException($"The SQLite event store could not write: {e.Message}", e);

    /// <summary>Lets the batch being committed finish, fails every append still queued with
    /// <see cref="ObjectDisposedException"/> (so each caller knows nothing of it was written), then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        statements.Dispose();
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
