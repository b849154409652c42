using System.Runtime.CompilerServices;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// A catch-up subscription to $all that survives lost connections. The server reads what is stored after the start
/// position and then turns live within the same call, so the switch has no gap and no duplicate. When the call
/// breaks (node down, leader change, server restart) we subscribe again after the last event we delivered - the
/// server starts after that position, exclusive - and also drop anything at or before it, should a server repeat.
/// </summary>
internal sealed class AllSubscription(EventStoreDbConnection connection, ILogger logger)
{
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<RecordedEvent> SubscribeAsync(long afterPosition, StreamFilter? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (afterPosition < GlobalPosition.Start)
            throw new ArgumentOutOfRangeException(nameof(afterPosition), afterPosition, "A global position is -1 (start) or more.");
        var lastDelivered = afterPosition;
        var failures = 0;
        var endpoint = connection.Current;

        while (!cancellationToken.IsCancellationRequested)
        {
            using var call = connection.ClientFor(endpoint).Read(ReadRequests.SubscribeToAll(lastDelivered, filter), connection.CallOptions(cancellationToken, withDeadline: false));
            while (true)
            {
                var next = await NextAsync(call, cancellationToken).ConfigureAwait(false);
                if (next.Cancelled)
                    yield break;
                if (next.Failure is { } failure)
                {
                    endpoint = NextEndpointAfter(failure, endpoint, lastDelivered);
                    break;
                }
                if (next.Response is not { } response)
                {
                    logger.LogWarning("EventStoreDB ended the $all subscription after position {Position}; subscribing again.", lastDelivered);
                    break;
                }

                switch (response.ContentCase)
                {
                    case ReadResp.ContentOneofCase.Confirmation:
                        failures = 0;
                        break;
                    case ReadResp.ContentOneofCase.Event when response.Event.Event is { } e:
                        var recorded = RecordedEventConversion.FromProto(e);
                        if (recorded.Position <= lastDelivered || !ReadRequests.Selects(filter, recorded.Stream))
                            continue;
                        lastDelivered = recorded.Position;
                        failures = 0;
                        yield return recorded;
                        break;
                }
            }

            if (!await DelayAsync(RetryDelay(++failures), cancellationToken).ConfigureAwait(false))
                yield break;
        }
    }

    internal static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16))));

    private EventStoreDbEndpoint NextEndpointAfter(RpcException failure, EventStoreDbEndpoint endpoint, long lastDelivered)
    {
        switch (ServerErrorTranslation.Translate(failure, "subscribing to $all", null, null, endpoint))
        {
            case ServerError.NotLeader notLeader:
                return connection.UseLeader(endpoint, notLeader.Leader);
            case ServerError.Unavailable down:
                logger.LogWarning("EventStoreDB $all subscription lost ({Detail}); resubscribing after position {Position}.", down.Detail, lastDelivered);
                return connection.UseNextAfter(endpoint);
            case ServerError.Fatal { Exception: EventStoreUnavailableException unavailable } when IsTransient(failure.StatusCode):
                logger.LogWarning(unavailable, "EventStoreDB $all subscription dropped; resubscribing after position {Position}.", lastDelivered);
                return endpoint;
            case ServerError.Fatal fatal:
                throw fatal.Exception;
            default:
                return endpoint;
        }
    }

    // Access denied, bad credentials or a bad request will not heal by themselves: those end the subscription.
    internal static bool IsTransient(StatusCode status) => status is
        StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.Cancelled
        or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.DataLoss;

    private static async Task<Next> NextAsync(AsyncServerStreamingCall<ReadResp> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false)
                ? new Next(call.ResponseStream.Current, null, false)
                : new Next(null, null, false);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return new Next(null, null, true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Next(null, null, true);
        }
        catch (RpcException ex)
        {
            return new Next(null, ex, false);
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private readonly record struct Next(ReadResp? Response, RpcException? Failure, bool Cancelled);
}
