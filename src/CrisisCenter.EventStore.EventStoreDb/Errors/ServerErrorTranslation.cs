using System.Globalization;
using Grpc.Core;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// Maps an <see cref="RpcException"/> from the Streams service to what it means for us. The server names the cause in
/// the "exception" trailer (not-leader, stream-deleted, wrong-expected-version, access-denied, ...) with details in
/// further trailers; transport failures only have a status code.
/// </summary>
internal static class ServerErrorTranslation
{
    public const string ExceptionKey = "exception";

    public static ServerError Translate(RpcException ex, string operation, string? stream, ExpectedRevision? expected, EventStoreDbEndpoint endpoint)
    {
        var trailers = ex.Trailers;
        switch (trailers.GetValue(ExceptionKey))
        {
            case "not-leader":
                return LeaderFrom(trailers) is { } leader
                    ? new ServerError.NotLeader(leader)
                    : new ServerError.Unavailable($"node {endpoint} is not the leader and named no leader");
            case "stream-not-found":
                return new ServerError.StreamNotFound();
            case "stream-deleted":
                return new ServerError.Fatal(new StreamDeletedException(trailers.GetValue("stream-name") ?? stream ?? "(unknown)"));
            case "wrong-expected-version" when stream is not null && expected is { } e:
                return new ServerError.Fatal(new WrongExpectedRevisionException(stream, e, ActualVersion(trailers.GetValue("actual-version"))));
            case "access-denied":
                return new ServerError.Fatal(Refused(operation, endpoint, "access denied: the user of the connection string lacks the permission"));
            case "maximum-append-size-exceeded" or "maximum-append-event-size-exceeded":
                return new ServerError.Fatal(new ArgumentException($"EventStoreDB rejected {operation}: {ex.Status.Detail}"));
        }

        return ex.StatusCode switch
        {
            StatusCode.Unavailable => new ServerError.Unavailable($"node {endpoint} is unavailable ({Detail(ex)})"),
            StatusCode.DeadlineExceeded => new ServerError.Fatal(new EventStoreUnavailableException(
                $"EventStoreDB did not complete {operation} within the deadline (node {endpoint}). The server is overloaded or unreachable; raise defaultDeadline in the connection string if it is just slow.", ex)),
            StatusCode.Unauthenticated => new ServerError.Fatal(Refused(operation, endpoint, "authentication failed: check the user and password of the connection string", ex)),
            StatusCode.PermissionDenied => new ServerError.Fatal(Refused(operation, endpoint, "access denied: the user of the connection string lacks the permission", ex)),
            StatusCode.InvalidArgument => new ServerError.Fatal(new ArgumentException($"EventStoreDB rejected {operation}: {Detail(ex)}", ex)),
            _ => new ServerError.Fatal(new EventStoreUnavailableException($"EventStoreDB failed {operation} on node {endpoint}: {ex.StatusCode} ({Detail(ex)}).", ex)),
        };
    }

    /// <summary>The exception to raise once retrying on other nodes is over.</summary>
    public static EventStoreUnavailableException Unreachable(string operation, IEnumerable<string> attempts, Exception? last) =>
        new($"EventStoreDB is unavailable: {operation} failed on every node tried ({string.Join("; ", attempts)}).", last);

    private static EventStoreUnavailableException Refused(string operation, EventStoreDbEndpoint endpoint, string why, Exception? inner = null) =>
        new($"EventStoreDB refused {operation} on node {endpoint}: {why}.", inner);

    private static EventStoreDbEndpoint? LeaderFrom(Metadata trailers)
    {
        var host = trailers.GetValue("leader-endpoint-host");
        var port = trailers.GetValue("leader-endpoint-port");
        return !string.IsNullOrEmpty(host) && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
            ? new EventStoreDbEndpoint(host, p)
            : null;
    }

    // The trailer holds the last event number, -1 (or nothing) when the stream does not exist.
    private static long? ActualVersion(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;

    private static string Detail(RpcException ex) =>
        string.IsNullOrEmpty(ex.Status.Detail) ? ex.StatusCode.ToString() : ex.Status.Detail;
}
