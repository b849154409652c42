using System.Runtime.CompilerServices;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Grpc.Core;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// One bounded Read call (a count, not a subscription) as a sequence of responses. Until the first response arrives the
/// call may move to the leader or another node and start again; after that a failure ends the read with our exception
/// (a reader that has already seen events must not get them twice).
/// </summary>
internal static class BoundedRead
{
    public static async IAsyncEnumerable<ReadResp> RunAsync(
        EventStoreDbConnection connection, string operation, string? stream, ReadReq request, bool withDeadline,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AsyncServerStreamingCall<ReadResp>? call;
        EventStoreDbEndpoint endpoint;
        try
        {
            (call, endpoint) = await connection.ExecuteAsync(operation, stream, null, withDeadline, async (client, options) =>
            {
                var started = client.Read(request, options);
                try
                {
                    // The first MoveNext is where a follower, a missing stream or a dead node shows up.
                    return await started.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false)
                        ? (started, connection.Current)
                        : ((AsyncServerStreamingCall<ReadResp>?)null, connection.Current);
                }
                catch
                {
                    started.Dispose();
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (StreamNotFoundSignal)
        {
            yield break;
        }

        if (call is null)
            yield break;
        using (call)
        {
            yield return call.ResponseStream.Current;
            while (await MoveNextAsync(call, operation, stream, endpoint, cancellationToken).ConfigureAwait(false))
                yield return call.ResponseStream.Current;
        }
    }

    private static async Task<bool> MoveNextAsync(
        AsyncServerStreamingCall<ReadResp> call, string operation, string? stream, EventStoreDbEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{operation} was cancelled.", ex, cancellationToken);
        }
        catch (RpcException ex)
        {
            throw ServerErrorTranslation.Translate(ex, operation, stream, null, endpoint) switch
            {
                ServerError.Fatal fatal => fatal.Exception,
                _ => new EventStoreUnavailableException($"EventStoreDB {operation} broke off on node {endpoint}: {ex.Status.Detail}", ex),
            };
        }
    }
}
