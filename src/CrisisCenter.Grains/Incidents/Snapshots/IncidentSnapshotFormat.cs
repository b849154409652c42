using System.Text.Json;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Grains.Incidents.Snapshots;

/// <summary>
/// The stored form of <see cref="IncidentStateSnapshot"/>: UTF-8 JSON in the domain's own shape
/// (<see cref="DomainJson.Options"/>, as events and grain calls). <see cref="CurrentSchema"/> names the shape of the
/// snapshot and of <see cref="Domain.IncidentState"/>: raise it whenever either changes (or Evolve changes what it
/// builds from the same events), so snapshots of the old shape are ignored and the stream replayed instead.
/// </summary>
internal static class IncidentSnapshotFormat
{
    public const int CurrentSchema = 1;

    public static byte[] Write(IncidentStateSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, DomainJson.Options);

    /// <summary>The snapshot, or null with the reason when it cannot be used (unreadable, another schema).</summary>
    public static IncidentStateSnapshot? Read(ReadOnlySpan<byte> data, out string? problem)
    {
        try
        {
            // The schema is checked before the whole is bound: a snapshot of another shape may not bind at all.
            if (SchemaOf(data) is not { } version)
            {
                problem = "it names no schema version";
                return null;
            }
            if (version != CurrentSchema)
            {
                problem = $"its schema version is {version}, this build reads {CurrentSchema}";
                return null;
            }
            var snapshot = JsonSerializer.Deserialize<IncidentStateSnapshot>(data, DomainJson.Options);
            problem = snapshot is { State: not null, RecentCommands: not null, EarlierCommandIds: not null } ? null : "it misses required parts";
            return problem is null ? snapshot : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or FormatException or InvalidOperationException or ArgumentException)
        {
            problem = $"it cannot be read ({e.GetType().Name}: {e.Message})";
            return null;
        }
    }

    /// <summary>The "schema" property among the top-level properties, found without building the rest.</summary>
    private static int? SchemaOf(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSchema = reader.ValueTextEquals("schema"u8);
            if (!reader.Read())
                return null;
            if (isSchema)
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) ? version : null;
            reader.Skip();
        }
        return null;
    }

    /// <summary>Ids packed as their 16-byte binary form, one after another, in base64.</summary>
    public static string PackIds(IReadOnlyCollection<Guid> ids)
    {
        var bytes = new byte[ids.Count * 16];
        var offset = 0;
        foreach (var id in ids)
        {
            id.TryWriteBytes(bytes.AsSpan(offset, 16));
            offset += 16;
        }
        return Convert.ToBase64String(bytes);
    }

    public static Guid[] UnpackIds(string packed)
    {
        var bytes = Convert.FromBase64String(packed);
        if (bytes.Length % 16 != 0)
            throw new FormatException("Packed command ids are not a whole number of 16-byte ids.");
        var ids = new Guid[bytes.Length / 16];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = new Guid(bytes.AsSpan(i * 16, 16));
        return ids;
    }
}
