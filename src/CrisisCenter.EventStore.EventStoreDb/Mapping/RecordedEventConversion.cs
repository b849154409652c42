using System.Globalization;
using CrisisCenter.EventStore.EventStoreDb.Protocol;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>The server's recorded event as ours. The recorded time is the server's "created" system metadata:
/// .NET ticks (100 ns) since the Unix epoch, UTC.</summary>
internal static class RecordedEventConversion
{
    public const string TypeKey = "type";
    public const string CreatedKey = "created";
    public const string ContentTypeKey = "content-type";
    public const string JsonContentType = "application/json";

    public static RecordedEvent FromProto(ReadResp.Types.ReadEvent.Types.RecordedEvent e)
    {
        var (metadata, previousHash, hash) = CustomMetadata.Read(e.CustomMetadata.Span);
        return new RecordedEvent(
            EventIdConversion.FromProto(e.Id),
            StreamNameConversion.FromProto(e.StreamIdentifier),
            checked((long)e.StreamRevision),
            GlobalPositionConversion.FromServer(e.CommitPosition),
            e.Metadata.TryGetValue(TypeKey, out var type) ? type : "",
            e.Data.Memory,
            metadata,
            CreatedAt(e.Metadata.TryGetValue(CreatedKey, out var created) ? created : null),
            previousHash,
            hash);
    }

    public static DateTimeOffset CreatedAt(string? ticksSinceUnixEpoch) =>
        long.TryParse(ticksSinceUnixEpoch, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(DateTime.UnixEpoch.Ticks + ticks, TimeSpan.Zero)
            : throw new InvalidDataException($"EventStoreDB sent an event without a valid 'created' time ('{ticksSinceUnixEpoch}').");
}
