using System.Text.RegularExpressions;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;
using static CrisisCenter.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options.Types;
using ServerEvent = CrisisCenter.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

/// <summary>
/// An in-memory emulation of the Streams service as we read the server's source (expected-version checks and their
/// idempotency, $all reads that start AT a position, exclusive subscriptions that turn live, stream-name filters,
/// system streams in the log). It lets the contract suite drive our whole client through real gRPC here, where
/// no server can be built. It is our understanding of the server, not the server: the real one is
/// <see cref="EventStoreDbContractTests"/>.
/// </summary>
internal sealed class EmulatedStreams : Streams.StreamsBase
{
    private readonly Lock _gate = new();
    private readonly List<ServerEvent> _log = [];
    private readonly Dictionary<string, List<ServerEvent>> _streams = new();
    private TaskCompletionSource _appended = NewSignal();
    private ulong _nextPosition = 4_096;

    public EmulatedStreams()
    {
        // Like a fresh node: system events come first in the log.
        Write("$epoch-information", [(Guid.NewGuid(), "$epoch-information", ByteString.CopyFromUtf8("{}"), ByteString.Empty)]);
    }

    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
    {
        await requestStream.MoveNext();
        var options = requestStream.Current.Options ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "options first"));
        var proposed = new List<AppendReq.Types.ProposedMessage>();
        while (await requestStream.MoveNext())
            proposed.Add(requestStream.Current.ProposedMessage);
        if (proposed.Any(p => !p.Metadata.ContainsKey("type") || !p.Metadata.ContainsKey("content-type")))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Required Metadata Property 'type' is missing"));

        var stream = options.StreamIdentifier.StreamName.ToStringUtf8();
        lock (_gate)
        {
            var events = _streams.GetValueOrDefault(stream) ?? [];
            long current = events.Count - 1;
            var ids = proposed.Select(p => EventIdConversion.FromProto(p.Id)).ToList();
            long expected = options.ExpectedStreamRevisionCase switch
            {
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => (long)options.Revision,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => -1,
                _ => -2,
            };

            if (expected == -2)
            {
                // "Any": a repeat is recognised from recently written ids of this stream.
                var at = events.FindIndex(e => EventIdConversion.FromProto(e.Id) == ids[0]);
                if (at >= 0)
                    return ids.Select((id, i) => at + i < events.Count && EventIdConversion.FromProto(events[at + i].Id) == id).All(x => x)
                        ? Success(events[at + ids.Count - 1])
                        : WrongVersion(current);
                return Success(Write(stream, proposed));
            }
            if (expected < current)
            {
                // Strong idempotency: the same ids right after the expected revision.
                for (var i = 0; i < ids.Count; i++)
                {
                    var revision = expected + 1 + i;
                    if (revision > current || EventIdConversion.FromProto(events[(int)revision].Id) != ids[i])
                        return WrongVersion(current);
                }
                return Success(events[(int)(expected + ids.Count)]);
            }
            return expected == current ? Success(Write(stream, proposed)) : WrongVersion(current);
        }
    }

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        var options = request.Options;
        if (options.UuidOption is null)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "uuid_option is required"));
        if (options.StreamOptionCase == ReadReq.Types.Options.StreamOptionOneofCase.Stream)
        {
            foreach (var response in ReadStream(options))
                await responseStream.WriteAsync(response);
            return;
        }
        if (options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription)
        {
            await SubscribeAsync(options, responseStream, context.CancellationToken);
            return;
        }
        foreach (var e in ReadAll(options))
            await responseStream.WriteAsync(new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = e, CommitPosition = e.CommitPosition } });
    }

    private List<ReadResp> ReadStream(ReadReq.Types.Options options)
    {
        var stream = options.Stream.StreamIdentifier.StreamName.ToStringUtf8();
        List<ServerEvent> events;
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var stored))
                return [new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = options.Stream.StreamIdentifier } }];
            events = [.. stored];
        }
        var backwards = options.ReadDirection == ReadReq.Types.Options.Types.ReadDirection.Backwards;
        long from = options.Stream.RevisionOptionCase switch
        {
            StreamOptions.RevisionOptionOneofCase.End => events.Count - 1,
            StreamOptions.RevisionOptionOneofCase.Start => 0,
            _ => (long)Math.Min(options.Stream.Revision, long.MaxValue),
        };
        var selected = backwards
            ? events.Where(e => (long)e.StreamRevision <= from).Reverse()
            : events.Where(e => (long)e.StreamRevision >= from);
        return selected.Take((int)Math.Min(options.Count, int.MaxValue))
            .Select(e => new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = e, NoPosition = new Empty() } }).ToList();
    }

    private List<ServerEvent> ReadAll(ReadReq.Types.Options options)
    {
        if (options.FilterOptionCase == ReadReq.Types.Options.FilterOptionOneofCase.Filter && options.Filter.WindowCase == FilterOptions.WindowOneofCase.None)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "filter window is required"));
        List<ServerEvent> log;
        lock (_gate)
            log = [.. _log];
        IEnumerable<ServerEvent> selected = options.ReadDirection == ReadReq.Types.Options.Types.ReadDirection.Backwards
            ? Enumerable.Reverse(log).Where(e => options.All.AllOptionCase != AllOptions.AllOptionOneofCase.Position || e.CommitPosition <= options.All.Position.CommitPosition)
            : log.Where(e => options.All.AllOptionCase != AllOptions.AllOptionOneofCase.Position || e.CommitPosition >= options.All.Position.CommitPosition); // inclusive, as the server's forward read
        return selected.Where(e => Allowed(options, e)).Take((int)Math.Min(options.Count, int.MaxValue)).ToList();
    }

    private async Task SubscribeAsync(ReadReq.Types.Options options, IServerStreamWriter<ReadResp> responses, CancellationToken cancellationToken)
    {
        await responses.WriteAsync(new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString() } });
        ulong? after = options.All.AllOptionCase == AllOptions.AllOptionOneofCase.Position ? options.All.Position.CommitPosition : null;
        var caughtUp = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task signal;
            List<ServerEvent> fresh;
            lock (_gate)
            {
                signal = _appended.Task;
                fresh = _log.Where(e => after is null || e.CommitPosition > after).ToList(); // exclusive, as the server's subscription
            }
            foreach (var e in fresh)
            {
                after = e.CommitPosition;
                if (Allowed(options, e))
                    await responses.WriteAsync(new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = e, CommitPosition = e.CommitPosition } });
            }
            if (!caughtUp)
            {
                caughtUp = true;
                await responses.WriteAsync(new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp() });
            }
            try
            {
                await signal.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool Allowed(ReadReq.Types.Options options, ServerEvent e)
    {
        if (options.FilterOptionCase != ReadReq.Types.Options.FilterOptionOneofCase.Filter)
            return true;
        var stream = e.StreamIdentifier.StreamName.ToStringUtf8();
        var expression = options.Filter.StreamIdentifier;
        return string.IsNullOrEmpty(expression.Regex)
            ? expression.Prefix.Any(p => stream.StartsWith(p, StringComparison.Ordinal))
            : Regex.IsMatch(stream, expression.Regex);
    }

    private ServerEvent Write(string stream, List<AppendReq.Types.ProposedMessage> proposed) =>
        Write(stream, proposed.Select(p => (EventIdConversion.FromProto(p.Id), p.Metadata["type"], p.Data, p.CustomMetadata)).ToList());

    private ServerEvent Write(string stream, List<(Guid Id, string Type, ByteString Data, ByteString Custom)> events)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var stored))
                _streams[stream] = stored = [];
            ServerEvent? last = null;
            foreach (var (id, type, data, custom) in events)
            {
                var position = _nextPosition;
                _nextPosition += (ulong)(data.Length + custom.Length + 128); // log offsets: increasing, never contiguous
                last = new ServerEvent
                {
                    Id = new UUID { String = id.ToString() },
                    StreamIdentifier = StreamNameConversion.ToProto(stream),
                    StreamRevision = (ulong)stored.Count,
                    CommitPosition = position,
                    PreparePosition = position,
                    Metadata =
                    {
                        ["type"] = type,
                        ["content-type"] = "application/json",
                        ["created"] = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                    CustomMetadata = custom,
                    Data = data,
                };
                stored.Add(last);
                _log.Add(last);
            }
            var signal = _appended;
            _appended = NewSignal();
            signal.SetResult();
            return last!;
        }
    }

    private static AppendResp Success(ServerEvent last) => new()
    {
        Success = new AppendResp.Types.Success
        {
            CurrentRevision = last.StreamRevision,
            Position = new AppendResp.Types.Position { CommitPosition = last.CommitPosition, PreparePosition = last.PreparePosition },
        },
    };

    private static AppendResp WrongVersion(long current)
    {
        var wrong = new AppendResp.Types.WrongExpectedVersion();
        if (current < 0)
            wrong.CurrentNoStream = new Empty();
        else
            wrong.CurrentRevision = (ulong)current;
        return new AppendResp { WrongExpectedVersion = wrong };
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
