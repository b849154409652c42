namespace CrisisCenter.EventStore.Sqlite;

/// <summary>Wakes subscriptions when this process commits events. A subscriber takes <see cref="NextCommit"/>
/// BEFORE it queries, so a commit that lands while it reads still wakes it afterwards and nothing waits for
/// the next poll.</summary>
internal sealed class CommitSignal
{
    private TaskCompletionSource next = NewSource();

    /// <summary>Completes at the first commit after this property was read.</summary>
    public Task NextCommit => Volatile.Read(ref next).Task;

    public void Committed() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
