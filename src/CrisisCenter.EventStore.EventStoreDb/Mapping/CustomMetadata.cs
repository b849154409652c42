using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// What we store in the server's per-event "custom metadata": our <see cref="EventMetadata"/> plus the hash chain
/// (previousHash, hash), as one camel-case JSON object, so the chain travels with the event and anyone reading the
/// stream (our verifier, an operator in the server's UI) sees it. The record is serialised as it is, so a field added
/// to <see cref="EventMetadata"/> is stored (and hashed) without a change here.
/// </summary>
internal static class CustomMetadata
{
    private const string PreviousHashField = "previousHash";
    private const string HashField = "hash";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(EventMetadata metadata, string previousHash, string hash)
    {
        var document = JsonSerializer.SerializeToNode(metadata, Options)!.AsObject();
        document[PreviousHashField] = previousHash;
        document[HashField] = hash;
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    /// <summary>Reads what <see cref="Write"/> wrote. Events written by someone else (no or foreign metadata) come back
    /// with empty metadata and empty hashes, which the stream verifier reports as a break.</summary>
    public static (EventMetadata Metadata, string PreviousHash, string Hash) Read(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
            return (EventMetadata.Empty, "", "");
        try
        {
            if (JsonNode.Parse(json) is not JsonObject document)
                return (EventMetadata.Empty, "", "");
            var previousHash = TextOf(document, PreviousHashField);
            var hash = TextOf(document, HashField);
            document.Remove(PreviousHashField);
            document.Remove(HashField);
            var metadata = document.Deserialize<EventMetadata>(Options) ?? EventMetadata.Empty;
            return (metadata, previousHash, hash);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return (EventMetadata.Empty, "", "");
        }
    }

    private static string TextOf(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
