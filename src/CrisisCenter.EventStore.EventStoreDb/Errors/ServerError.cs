namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>What a failed call means for us, read from the gRPC status and the server's "exception" trailer.</summary>
internal abstract record ServerError
{
    /// <summary>The node is a follower; the leader is at <see cref="Leader"/>: reconnect there and retry.</summary>
    public sealed record NotLeader(EventStoreDbEndpoint Leader) : ServerError;
    /// <summary>The node cannot serve now (down, not ready, connection lost): another node may.</summary>
    public sealed record Unavailable(string Detail) : ServerError;
    public sealed record StreamNotFound : ServerError;
    /// <summary>Any other error, already mapped to the exception the port promises.</summary>
    public sealed record Fatal(Exception Exception) : ServerError;
}
