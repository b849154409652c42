using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using ServerEvent = CrisisCenter.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

/// <summary>Just enough of a stream store to answer the client's stream reads (tail, slices) in tests.</summary>
internal sealed class FakeStreamLog
{
    private readonly Dictionary<string, List<ServerEvent>> _streams = new();
    private readonly Lock _gate = new();
    private ulong _nextPosition = 1000;

    /// <summary>Stores a proposed event as the server would, with its hash chain metadata as sent.</summary>
    public ServerEvent Add(string stream, AppendReq.Types.ProposedMessage message) =>
        Add(stream, EventIdConversion.FromProto(message.Id), message.Metadata["type"], message.CustomMetadata, message.Data);

    public ServerEvent Add(string stream, Guid id, string type, ByteString customMetadata, ByteString? data = null)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var events))
                _streams[stream] = events = [];
            var position = _nextPosition += 100;
            var e = new ServerEvent
            {
                Id = EventIdConversion.ToProto(id),
                StreamIdentifier = StreamNameConversion.ToProto(stream),
                StreamRevision = (ulong)events.Count,
                CommitPosition = position,
                PreparePosition = position,
                Metadata =
                {
                    ["type"] = type,
                    ["content-type"] = "application/json",
                    ["created"] = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                CustomMetadata = customMetadata,
                Data = data ?? ByteString.CopyFromUtf8("{}"),
            };
            events.Add(e);
            return e;
        }
    }

    public long? LastRevision(string stream)
    {
        lock (_gate)
            return _streams.TryGetValue(stream, out var events) ? events.Count - 1 : null;
    }

    public IEnumerable<ReadResp> Answer(ReadReq request)
    {
        var options = request.Options;
        if (options.StreamOptionCase != ReadReq.Types.Options.StreamOptionOneofCase.Stream)
            throw new InvalidOperationException("the fake log answers stream reads only");
        var stream = options.Stream.StreamIdentifier.StreamName.ToStringUtf8();
        List<ServerEvent> snapshot;
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var events))
                return [new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = options.Stream.StreamIdentifier } }];
            snapshot = [.. events];
        }
        var backwards = options.ReadDirection == ReadReq.Types.Options.Types.ReadDirection.Backwards;
        var from = options.Stream.RevisionOptionCase switch
        {
            ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.End => snapshot.Count - 1,
            ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Start => 0,
            _ => (int)Math.Min(options.Stream.Revision, int.MaxValue),
        };
        var selected = backwards
            ? snapshot.Take(Math.Min(from, snapshot.Count - 1) + 1).Reverse()
            : snapshot.Skip(from);
        return selected.Take((int)Math.Min(options.Count, int.MaxValue)).Select(e => new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = e, NoPosition = new Empty() } }).ToList();
    }
}
