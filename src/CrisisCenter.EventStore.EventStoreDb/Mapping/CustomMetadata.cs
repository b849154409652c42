using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// What we store in the server's per-event "custom metadata": our <see cref="EventMetadata"/> plus the hash chain
/// (previousHash, hash), as camel-case JSON, so the chain travels with the event and anyone reading the stream
/// (our verifier, an operator in the server's UI) sees it.
/// </summary>
internal static class CustomMetadata
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(EventMetadata metadata, string previousHash, string hash) =>
        JsonSerializer.SerializeToUtf8Bytes(new Document
        {
            ActorId = metadata.ActorId,
            ActorName = metadata.ActorName,
            AgencyCode = metadata.AgencyCode,
            SessionId = metadata.SessionId,
            CommandId = metadata.CommandId,
            CorrelationId = metadata.CorrelationId,
            CausationId = metadata.CausationId,
            Roles = metadata.Roles,
            PreviousHash = previousHash,
            Hash = hash,
        }, Options);

    /// <summary>Reads what <see cref="Write"/> wrote. Events written by someone else (no or foreign metadata) come back
    /// with empty metadata and empty hashes, which the stream verifier reports as a break.</summary>
    public static (EventMetadata Metadata, string PreviousHash, string Hash) Read(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
            return (EventMetadata.Empty, "", "");
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException)
        {
            return (EventMetadata.Empty, "", "");
        }
        if (document is null)
            return (EventMetadata.Empty, "", "");
        var metadata = new EventMetadata
        {
            ActorId = document.ActorId,
            ActorName = document.ActorName,
            AgencyCode = document.AgencyCode,
            SessionId = document.SessionId,
            CommandId = document.CommandId,
            CorrelationId = document.CorrelationId,
            CausationId = document.CausationId,
            Roles = document.Roles,
        };
        return (metadata, document.PreviousHash ?? "", document.Hash ?? "");
    }

    private sealed class Document
    {
        public string? ActorId { get; init; }
        public string? ActorName { get; init; }
        public string? AgencyCode { get; init; }
        public string? SessionId { get; init; }
        public Guid? CommandId { get; init; }
        public Guid? CorrelationId { get; init; }
        public Guid? CausationId { get; init; }
        public IReadOnlyList<string>? Roles { get; init; }
        public string? PreviousHash { get; init; }
        public string? Hash { get; init; }
    }
}
