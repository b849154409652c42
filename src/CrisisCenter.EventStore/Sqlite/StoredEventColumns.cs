using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Sqlite;

/// <summary>How a row of <c>events</c> becomes a <see cref="RecordedEvent"/>. Reading never checks hashes and
/// never refuses a damaged row: a row changed behind the store's back must still come out, so that
/// <see cref="StreamVerifier"/> can point at it. Values that no longer parse come out empty, which the
/// hash chain then reports as a break.</summary>
internal static class StoredEventColumns
{
    // The casts keep a row readable even when someone stored a value of another type into a column.
    public const string Select = """
        SELECT position, CAST(event_id AS TEXT), CAST(stream AS TEXT), revision, CAST(type AS TEXT), CAST(data AS BLOB),
               CAST(metadata AS TEXT), CAST(recorded_at AS TEXT), CAST(previous_hash AS TEXT), CAST(hash AS TEXT)
        FROM events
        """;

    public static RecordedEvent Read(SqliteDataReader row) => new(
        EventId: Guid.TryParse(Text(row, 1), out var id) ? id : Guid.Empty,
        Stream: Text(row, 2),
        Revision: row.GetInt64(3),
        Position: row.GetInt64(0),
        Type: Text(row, 4),
        Data: row.IsDBNull(5) ? ReadOnlyMemory<byte>.Empty : (byte[])row.GetValue(5),
        Metadata: MetadataFromJson(Text(row, 6)),
        RecordedAt: DateTimeOffset.TryParse(Text(row, 7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue,
        PreviousHash: Text(row, 8),
        Hash: Text(row, 9));

    /// <summary>The stored form of metadata is exactly the bytes the hash covers.</summary>
    public static string MetadataToJson(EventMetadata metadata) => System.Text.Encoding.UTF8.GetString(HashChain.CanonicalMetadata(metadata));

    public static string RecordedAtToText(DateTimeOffset recordedAt) => recordedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static EventMetadata MetadataFromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<EventMetadata>(json) ?? EventMetadata.Empty;
        }
        catch (JsonException)
        {
            return EventMetadata.Empty;
        }
    }

    private static string Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? "" : row.GetString(ordinal);
}
