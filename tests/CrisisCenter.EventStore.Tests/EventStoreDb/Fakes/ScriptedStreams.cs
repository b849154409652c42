using System.Collections.Concurrent;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Grpc.Core;

namespace CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

/// <summary>The Streams service of <see cref="FakeStreamsNode"/>: records what arrives and answers as the test says.
/// Unscripted reads of a stream are answered from <see cref="Log"/>.</summary>
internal sealed class ScriptedStreams : Streams.StreamsBase
{
    public FakeStreamLog Log { get; } = new();
    public ConcurrentQueue<Metadata> RequestHeaders { get; } = new();
    public ConcurrentQueue<ReadReq> Reads { get; } = new();
    public ConcurrentQueue<(AppendReq.Types.Options Options, List<AppendReq.Types.ProposedMessage> Events)> Appends { get; } = new();

    /// <summary>Answers a Read; by default stream reads come from <see cref="Log"/>.</summary>
    public Func<ReadReq, IServerStreamWriter<ReadResp>, ServerCallContext, Task>? OnRead { get; set; }

    /// <summary>Answers an Append; by default appends are refused as unimplemented.</summary>
    public Func<AppendReq.Types.Options, List<AppendReq.Types.ProposedMessage>, AppendResp>? OnAppend { get; set; }

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        RequestHeaders.Enqueue(context.RequestHeaders);
        Reads.Enqueue(request);
        if (OnRead is { } script)
        {
            await script(request, responseStream, context);
            return;
        }
        foreach (var response in Log.Answer(request))
            await responseStream.WriteAsync(response);
    }

    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
    {
        RequestHeaders.Enqueue(context.RequestHeaders);
        AppendReq.Types.Options? options = null;
        var events = new List<AppendReq.Types.ProposedMessage>();
        await foreach (var message in requestStream.ReadAllAsync())
        {
            if (message.ContentCase == AppendReq.ContentOneofCase.Options)
                options = message.Options;
            else
                events.Add(message.ProposedMessage);
        }
        if (options is null)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message must be the options"));
        Appends.Enqueue((options, events));
        return OnAppend is { } script
            ? script(options, events)
            : throw new RpcException(new Status(StatusCode.Unimplemented, "no append scripted"));
    }

    public static RpcException NotLeader(CrisisCenter.EventStore.EventStoreDb.EventStoreDbEndpoint leader) =>
        new(new Status(StatusCode.NotFound, "Leader info available"), new Metadata
        {
            { "exception", "not-leader" },
            { "leader-endpoint-host", leader.Host },
            { "leader-endpoint-port", leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
}
