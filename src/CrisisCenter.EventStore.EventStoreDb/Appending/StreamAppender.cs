using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Grpc.Core;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// Appends with the hash chain. Each event's hash covers the hash of the event before it, so the append needs the
/// stream's last event: named by the caller (a <see cref="StreamTail"/> at the expected revision), the genesis of a
/// stream expected not to exist, or else read first. Then it appends with exactly that revision expected: the server
/// guarantees nobody slipped an event in between, and the chain holds. The server itself recognises a repeat of an
/// append at exactly that place (same ids right after the expected revision: success, nothing written). When the
/// stream is not where the caller expected, the stored events at the expected place decide: the same ids there make
/// the append a repeat (original result, nothing written), none of them a real conflict, some of them a client bug.
/// </summary>
internal sealed class StreamAppender(EventStoreDbConnection connection, StreamReads reads)
{
    /// <summary>An append with <see cref="ExpectedRevision.Any"/> retries this often when other writers keep winning.</summary>
    internal const int MaxAnyAttempts = 10;

    /// <summary>How far back an append with <see cref="ExpectedRevision.Any"/> looks for its own ids: it does not say
    /// where they would be, so, like the server's own check for "any", only recent events are searched.</summary>
    internal const int AnyRepeatWindow = 256;

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, StreamTail? tail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
            throw new ArgumentException("The events of one append must have distinct ids.", nameof(events));

        if (KnownLastEvent(expected, tail) is var (knownRevision, knownHash))
        {
            // No read first: one round trip when the stream is where the caller said.
            var chained = ProposedEvents.Chain(stream, knownRevision, knownHash, events, out var chainedLastHash);
            var answer = await SendAsync(stream, ExpectedRevision.FromLastRevision(knownRevision), expected, chained, cancellationToken).ConfigureAwait(false);
            if (answer.ResultCase == AppendResp.ResultOneofCase.Success)
                return await ResultOfAsync(stream, answer.Success, chainedLastHash, cancellationToken).ConfigureAwait(false);
            var actual = answer.WrongExpectedVersion is { } wrong ? ExpectedRevisionConversion.ActualRevision(wrong) : null;
            if (!expected.IsAny)
                return await RepeatOrConflictAsync(stream, expected, events, actual, cancellationToken).ConfigureAwait(false);
            // Any with a stale tail: chain onto the stream's real last event, as without a tail.
        }

        for (var attempt = 1; ; attempt++)
        {
            var last = await reads.LastAsync(stream, cancellationToken).ConfigureAwait(false);
            var lastRevision = last?.Revision;

            if (!expected.IsAny && lastRevision != ExpectedLastRevision(expected))
                return await RepeatOrConflictAsync(stream, expected, events, lastRevision, cancellationToken).ConfigureAwait(false);

            if (expected.IsAny && last is not null)
            {
                var recent = await reads.LatestAsync(stream, Math.Max(AnyRepeatWindow, events.Count), cancellationToken).ConfigureAwait(false);
                switch (EarlierAppend.Find(recent, events))
                {
                    case EarlierAppend.Repeated repeated:
                        return ResultOf(repeated.Last);
                    case EarlierAppend.Conflicting conflicting:
                        throw new IdempotencyConflictException(stream, $"Append to stream '{stream}' (expected Any) conflicts with stored events: {conflicting.Problem}.");
                }
            }

            var proposed = ProposedEvents.Chain(stream, lastRevision, last?.Hash ?? HashChain.Genesis, events, out var lastHash);
            var answer = await SendAsync(stream, ExpectedRevision.FromLastRevision(lastRevision), expected, proposed, cancellationToken).ConfigureAwait(false);
            if (answer.ResultCase == AppendResp.ResultOneofCase.Success)
                return await ResultOfAsync(stream, answer.Success, lastHash, cancellationToken).ConfigureAwait(false);

            // Another writer appended between our read and our append. For Any that is no conflict: chain onto the
            // new last event. Otherwise the next round finds the stream moved and tells a repeat from a conflict.
            var actual = answer.WrongExpectedVersion is { } wrong ? ExpectedRevisionConversion.ActualRevision(wrong) : null;
            if (attempt >= (expected.IsAny ? MaxAnyAttempts : 2))
                throw new WrongExpectedRevisionException(stream, expected, actual);
            if (expected.IsAny)
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static long? ExpectedLastRevision(ExpectedRevision expected) => expected.IsNoStream ? null : expected.Value;

    /// <summary>The last event the append follows, when it is known without a read: none (genesis) for a stream
    /// expected not to exist, the caller's tail when it is at the expected revision (or any). The server cannot check
    /// a tail's hash, so it is trusted: the events at a revision never change, and callers pass hashes this store reported.</summary>
    private static (long? Revision, string Hash)? KnownLastEvent(ExpectedRevision expected, StreamTail? tail)
    {
        if (expected.IsNoStream)
            return (null, HashChain.Genesis);
        if (tail is not null && (expected.IsAny || expected.Value == tail.Revision))
            return (tail.Revision, tail.Hash);
        return null;
    }

    private static AppendResult ResultOf(RecordedEvent last) => new(last.Revision, last.Position) { LastHash = last.Hash };

    private async Task<AppendResult> RepeatOrConflictAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, long? lastRevision, CancellationToken cancellationToken)
    {
        var first = expected.IsNoStream ? 0 : expected.Value + 1;
        if (lastRevision is null || lastRevision < first)
            throw new WrongExpectedRevisionException(stream, expected, lastRevision);

        var stored = await reads.SliceAsync(stream, first, events.Count, cancellationToken).ConfigureAwait(false);
        return EarlierAppend.Find(stored, events) switch
        {
            EarlierAppend.Repeated repeated => ResultOf(repeated.Last),
            EarlierAppend.Conflicting conflicting => throw new IdempotencyConflictException(stream,
                $"Append to stream '{stream}' (expected {expected}) conflicts with the events stored after it: {conflicting.Problem}."),
            _ => throw new WrongExpectedRevisionException(stream, expected, lastRevision),
        };
    }

    /// <param name="callerExpected">What the caller expected, for the error should the server report a conflict as an error.</param>
    private Task<AppendResp> SendAsync(string stream, ExpectedRevision target, ExpectedRevision callerExpected, IReadOnlyList<AppendReq.Types.ProposedMessage> proposed, CancellationToken cancellationToken) =>
        connection.ExecuteAsync($"appending to stream '{stream}'", stream, callerExpected, withDeadline: true, async (client, options) =>
        {
            using var call = client.Append(options);
            try
            {
                await call.RequestStream.WriteAsync(new AppendReq { Options = ExpectedRevisionConversion.ToAppendOptions(stream, target) }, cancellationToken).ConfigureAwait(false);
                foreach (var message in proposed)
                    await call.RequestStream.WriteAsync(new AppendReq { ProposedMessage = message }, cancellationToken).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                // The server ended the call early (access denied, not leader, ...): its status comes with the response.
            }
            return await call.ResponseAsync.ConfigureAwait(false);
        }, cancellationToken);

    /// <param name="proposedLastHash">The hash our last proposed event carries: the stream's tail after a write. A
    /// repeat the server recognised keeps the stored events, whose hash is the same unless the repeat's metadata
    /// differed (a retried command with another session or correlation id, decided by a second activation); that is
    /// the one case a tail reported here can be wrong, and only a repeat without a position is read back to avoid it.</param>
    private async Task<AppendResult> ResultOfAsync(string stream, AppendResp.Types.Success success, string proposedLastHash, CancellationToken cancellationToken)
    {
        if (success.CurrentRevisionOptionCase != AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision)
            throw new EventStoreUnavailableException($"EventStoreDB confirmed the append to stream '{stream}' without its revision.");
        var revision = checked((long)success.CurrentRevision);
        // For a write (and a repeat the server recognised) the position is the log position of the last event,
        // which is that event's commit position in $all. A repeat may come without it: read it from the event.
        if (success.PositionOptionCase == AppendResp.Types.Success.PositionOptionOneofCase.Position)
            return new AppendResult(revision, GlobalPositionConversion.FromServer(success.Position.CommitPosition)) { LastHash = proposedLastHash };
        var last = await reads.SliceAsync(stream, revision, 1, cancellationToken).ConfigureAwait(false);
        return last is [var e]
            ? ResultOf(e)
            : throw new EventStoreUnavailableException($"EventStoreDB confirmed the append to stream '{stream}' at revision {revision} but that event cannot be read.");
    }
}
