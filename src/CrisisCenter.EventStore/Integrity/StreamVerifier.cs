namespace CrisisCenter.EventStore;

/// <summary>The outcome of walking a stream's hash chain.</summary>
public sealed record VerificationResult(string Stream, long EventsChecked, bool IsIntact, long? FirstBrokenRevision, Guid? FirstBrokenEventId, string? Problem)
{
    public static VerificationResult Intact(string stream, long count) => new(stream, count, true, null, null, null);
}

/// <summary>Walks a stream from its first event and reports the first event whose chain does not hold.</summary>
public sealed class StreamVerifier(IEventStore store)
{
    public async Task<VerificationResult> VerifyAsync(string stream, CancellationToken cancellationToken = default)
    {
        var previous = HashChain.Genesis;
        long expectedRevision = 0;
        long count = 0;
        await foreach (var e in store.ReadStreamAsync(stream, 0, ReadDirection.Forwards, long.MaxValue, cancellationToken))
        {
            count++;
            if (e.Revision != expectedRevision)
                return Broken(e, count, $"Revision {e.Revision} follows revision {expectedRevision - 1}: an event is missing.");
            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
                return Broken(e, count, "Its previous hash does not match the hash of the event before it.");
            var actual = HashChain.Compute(e.PreviousHash, e.EventId, e.Stream, e.Revision, e.Type, e.Data.Span, e.Metadata);
            if (!string.Equals(actual, e.Hash, StringComparison.Ordinal))
                return Broken(e, count, "Its content does not match its recorded hash: data or metadata was changed.");
            previous = e.Hash;
            expectedRevision++;
        }
        return VerificationResult.Intact(stream, count);

        VerificationResult Broken(RecordedEvent e, long checkedSoFar, string problem) =>
            new(stream, checkedSoFar, false, e.Revision, e.EventId, problem);
    }
}
