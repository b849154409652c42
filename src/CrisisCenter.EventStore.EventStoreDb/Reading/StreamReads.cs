using System.Runtime.CompilerServices;
using CrisisCenter.EventStore.EventStoreDb.Protocol;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>Reads of one stream: the public read, and the short ones appending needs (its last event, a slice).</summary>
internal sealed class StreamReads(EventStoreDbConnection connection)
{
    /// <param name="withDeadline">Short reads get the connection's deadline; a full read may take as long as its consumer.</param>
    public async IAsyncEnumerable<RecordedEvent> ReadAsync(
        string stream, long fromRevision, ReadDirection direction, long maxCount, bool withDeadline,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (maxCount <= 0)
            yield break;
        var request = ReadRequests.Stream(stream, fromRevision, direction, maxCount);
        await foreach (var response in BoundedRead.RunAsync(connection, $"reading stream '{stream}'", stream, request, withDeadline, cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)
                yield break;
            if (response.ContentCase == ReadResp.ContentOneofCase.Event && response.Event.Event is { } e)
                yield return RecordedEventConversion.FromProto(e);
        }
    }

    /// <summary>The last event of the stream, or null when the stream does not exist.</summary>
    public async Task<RecordedEvent?> LastAsync(string stream, CancellationToken cancellationToken)
    {
        await foreach (var e in ReadAsync(stream, StreamRevision.End, ReadDirection.Backwards, 1, withDeadline: true, cancellationToken).ConfigureAwait(false))
            return e;
        return null;
    }

    /// <summary>Up to <paramref name="count"/> events forwards from <paramref name="fromRevision"/>.</summary>
    public async Task<List<RecordedEvent>> SliceAsync(string stream, long fromRevision, long count, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in ReadAsync(stream, fromRevision, ReadDirection.Forwards, count, withDeadline: true, cancellationToken).ConfigureAwait(false))
            events.Add(e);
        return events;
    }

    /// <summary>The last <paramref name="count"/> events of the stream, in stream order.</summary>
    public async Task<List<RecordedEvent>> LatestAsync(string stream, long count, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in ReadAsync(stream, StreamRevision.End, ReadDirection.Backwards, count, withDeadline: true, cancellationToken).ConfigureAwait(false))
            events.Add(e);
        events.Reverse();
        return events;
    }
}
