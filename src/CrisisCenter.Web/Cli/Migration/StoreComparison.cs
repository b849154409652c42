using CrisisCenter.EventStore;

namespace CrisisCenter.Web.Cli.Migration;

/// <summary>
/// Checks that a target stream is an exact copy of the source stream: its own hash chain intact (the target computed
/// it when appending) and, event by event, the same revisions, ids, types, data and metadata. Recorded times and
/// global positions are the target's own and not compared.
/// </summary>
public sealed class StoreComparison(IEventStore source, IEventStore target)
{
    private readonly StreamVerifier targetVerifier = new(target);

    /// <returns>The first problem found, or null when the target stream is an exact, intact copy.</returns>
    public async Task<StreamProblem?> CompareAsync(string stream, CancellationToken cancellationToken = default)
    {
        var chain = await targetVerifier.VerifyAsync(stream, cancellationToken);
        if (!chain.IsIntact)
            return new StreamProblem(stream, chain.FirstBrokenRevision, "the target's hash chain is broken: " + chain.Problem);

        await using var fromSource = source.ReadStreamAsync(stream, 0, ReadDirection.Forwards, long.MaxValue, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var fromTarget = target.ReadStreamAsync(stream, 0, ReadDirection.Forwards, long.MaxValue, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var inSource = await fromSource.MoveNextAsync();
            var inTarget = await fromTarget.MoveNextAsync();
            if (!inSource && !inTarget)
                return null;
            if (!inTarget)
                return new StreamProblem(stream, fromSource.Current.Revision, "the target does not have this event yet (run migrate-store again to copy the rest).");
            if (!inSource)
                return new StreamProblem(stream, fromTarget.Current.Revision, "the target has an event the source does not have.");
            if (Difference(fromSource.Current, fromTarget.Current) is { } difference)
                return new StreamProblem(stream, fromSource.Current.Revision, difference);
        }
    }

    private static string? Difference(RecordedEvent source, RecordedEvent target)
    {
        if (source.Revision != target.Revision)
            return $"the target holds revision {target.Revision} where the source holds {source.Revision}.";
        if (source.EventId != target.EventId)
            return $"event id {target.EventId} in the target, {source.EventId} in the source.";
        if (!string.Equals(source.Type, target.Type, StringComparison.Ordinal))
            return $"type '{target.Type}' in the target, '{source.Type}' in the source.";
        if (!source.Data.Span.SequenceEqual(target.Data.Span))
            return "the event's data differs.";
        if (source.Metadata != target.Metadata)
            return "the event's metadata differs.";
        return null;
    }
}
