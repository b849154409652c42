using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>Our events as the server's proposed messages, each carrying its link of the hash chain in its custom metadata.</summary>
internal static class ProposedEvents
{
    /// <param name="lastRevision">The stream's last revision the events follow; null when the stream does not exist.</param>
    /// <param name="lastHash">The hash of that event (<see cref="HashChain.Genesis"/> for a new stream).</param>
    public static List<AppendReq.Types.ProposedMessage> Chain(string stream, long? lastRevision, string lastHash, IReadOnlyList<EventData> events) =>
        Chain(stream, lastRevision, lastHash, events, out _);

    /// <param name="newLastHash">The hash of the last event proposed: the stream's tail once they are written.</param>
    public static List<AppendReq.Types.ProposedMessage> Chain(string stream, long? lastRevision, string lastHash, IReadOnlyList<EventData> events, out string newLastHash)
    {
        var messages = new List<AppendReq.Types.ProposedMessage>(events.Count);
        var previous = lastHash;
        var revision = (lastRevision ?? -1) + 1;
        foreach (var e in events)
        {
            var hash = HashChain.Compute(previous, e.EventId, stream, revision, e.Type, e.Data.Span, e.Metadata);
            messages.Add(new AppendReq.Types.ProposedMessage
            {
                Id = EventIdConversion.ToProto(e.EventId),
                Metadata =
                {
                    [RecordedEventConversion.TypeKey] = e.Type,
                    [RecordedEventConversion.ContentTypeKey] = RecordedEventConversion.JsonContentType,
                },
                CustomMetadata = ByteString.CopyFrom(CustomMetadata.Write(e.Metadata, previous, hash)),
                Data = ByteString.CopyFrom(e.Data.Span),
            });
            previous = hash;
            revision++;
        }
        newLastHash = previous;
        return messages;
    }
}
