using System.Collections.Concurrent;
using System.Text;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// The gRPC channels to the nodes of one EventStoreDB cluster and the node currently used. Every call asks for the
/// leader ("requires-leader"), so reads see the appends just made; a follower answers "not leader" with the leader's
/// address, and we move there. An unavailable node makes us try the next one of the connection string.
/// </summary>
internal sealed class EventStoreDbConnection : IAsyncDisposable
{
    private const int MaxLeaderRedirects = 3;
    private const int MaxReceiveMessageBytes = 20 * 1024 * 1024; // the server accepts events up to 16 MiB

    private readonly ConcurrentDictionary<EventStoreDbEndpoint, Lazy<GrpcChannel>> _channels = new();
    private readonly string? _authorization;
    private readonly System.Net.Security.RemoteCertificateValidationCallback? _certificateValidation;
    private readonly ILogger _logger;
    private EventStoreDbEndpoint _current;

    public EventStoreDbConnection(EventStoreDbConnectionString settings, ILogger logger)
    {
        Settings = settings;
        _logger = logger;
        _current = settings.Endpoints[0];
        _certificateValidation = ServerCertificateTrust.CallbackFor(settings);
        if (settings.HasCredentials)
            _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"));
    }

    public EventStoreDbConnectionString Settings { get; }

    public EventStoreDbEndpoint Current => Volatile.Read(ref _current);

    public Streams.StreamsClient ClientFor(EventStoreDbEndpoint endpoint) =>
        new(_channels.GetOrAdd(endpoint, e => new Lazy<GrpcChannel>(() => CreateChannel(e))).Value);

    public CallOptions CallOptions(CancellationToken cancellationToken, bool withDeadline) =>
        new(headers: Headers(_authorization), deadline: withDeadline ? DateTime.UtcNow + Settings.Deadline : null, cancellationToken: cancellationToken);

    internal static Metadata Headers(string? authorization)
    {
        var headers = new Metadata { { "requires-leader", "true" } };
        if (authorization is not null)
            headers.Add("authorization", authorization);
        return headers;
    }

    public EventStoreDbEndpoint UseLeader(EventStoreDbEndpoint from, EventStoreDbEndpoint leader)
    {
        _logger.LogInformation("EventStoreDB node {Node} is not the leader; moving to leader {Leader}.", from, leader);
        Interlocked.CompareExchange(ref _current, leader, from);
        return leader;
    }

    /// <summary>The node after <paramref name="failed"/> in the connection string's order, wrapping around.</summary>
    public EventStoreDbEndpoint UseNextAfter(EventStoreDbEndpoint failed)
    {
        var endpoints = Settings.Endpoints;
        var index = -1;
        for (var i = 0; i < endpoints.Count; i++)
            if (endpoints[i] == failed) index = i;
        var next = endpoints[(index + 1) % endpoints.Count];
        Interlocked.CompareExchange(ref _current, next, failed);
        return next;
    }

    /// <summary>
    /// Runs one call, moving to the leader when a follower answered and to the next node when one is unavailable.
    /// A retry is safe for appends too: the same event ids with the same expected revision are idempotent on the server.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        string operation, string? stream, ExpectedRevision? expected, bool withDeadline,
        Func<Streams.StreamsClient, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        var endpoint = Current;
        var attempts = new List<string>();
        var redirects = 0;
        var unavailable = 0;
        while (true)
        {
            try
            {
                return await call(ClientFor(endpoint), CallOptions(cancellationToken, withDeadline)).ConfigureAwait(false);
            }
            catch (RpcException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{operation} was cancelled.", ex, cancellationToken);
            }
            catch (RpcException ex)
            {
                switch (ServerErrorTranslation.Translate(ex, operation, stream, expected, endpoint))
                {
                    case ServerError.NotLeader notLeader when redirects++ < MaxLeaderRedirects:
                        attempts.Add($"{endpoint}: not leader, leader is {notLeader.Leader}");
                        endpoint = UseLeader(endpoint, notLeader.Leader);
                        break;
                    case ServerError.NotLeader notLeader:
                        attempts.Add($"{endpoint}: not leader, leader is {notLeader.Leader}");
                        throw ServerErrorTranslation.Unreachable(operation, attempts, ex);
                    case ServerError.Unavailable down:
                        attempts.Add(down.Detail);
                        // Move on even when giving up, so the next call does not return to a dead node
                        // (e.g. a leader we were redirected to, which is not in the connection string).
                        endpoint = UseNextAfter(endpoint);
                        if (++unavailable >= Settings.Endpoints.Count)
                            throw ServerErrorTranslation.Unreachable(operation, attempts, ex);
                        break;
                    case ServerError.StreamNotFound:
                        throw new StreamNotFoundSignal();
                    case ServerError.Fatal fatal:
                        throw fatal.Exception;
                }
            }
        }
    }

    private GrpcChannel CreateChannel(EventStoreDbEndpoint endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = Settings.Deadline,
        };
        // tlsVerifyCert=false accepts any certificate (self-signed development nodes); tlsCaFile trusts that CA only.
        if (_certificateValidation is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = _certificateValidation;
        // Without TLS the address is http://, which Grpc.Net.Client speaks as HTTP/2 with prior knowledge (h2c).
        return GrpcChannel.ForAddress(endpoint.ToUri(Settings.UseTls), new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxReceiveMessageBytes,
        });
    }

    public ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values)
            if (channel.IsValueCreated)
                channel.Value.Dispose();
        _channels.Clear();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Older servers report a missing stream as an error rather than a message; reads turn it into "nothing".</summary>
internal sealed class StreamNotFoundSignal : Exception;
