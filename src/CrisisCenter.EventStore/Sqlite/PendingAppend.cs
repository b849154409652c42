namespace CrisisCenter.EventStore.Sqlite;

/// <summary>An append waiting in the writer's queue, and the caller waiting for its own outcome.</summary>
internal sealed class PendingAppend(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, StreamTail? tail, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<AppendResult> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Stream { get; } = stream;
    public ExpectedRevision Expected { get; } = expected;
    public IReadOnlyList<EventData> Events { get; } = events;

    /// <summary>The stream's last event as the appender knows it, if it said (checked before use).</summary>
    public StreamTail? Tail { get; } = tail;

    /// <summary>Only honoured while the append still waits in the queue: once its transaction has started,
    /// the caller gets the real outcome, never a cancellation that hides a write.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<AppendResult> Outcome => outcome.Task;

    public void Succeed(AppendResult result) => outcome.TrySetResult(result);
    public void Fail(Exception error) => outcome.TrySetException(error);
    public void Cancel() => outcome.TrySetCanceled(CancellationToken);
}
