using System.Globalization;
using System.Text;
using System.Text.Json;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// The snapshot cache on EventStoreDB: one stream per snapshotted stream, <c>$snapshot-{stream}</c>, holding snapshots
/// as plain events whose custom metadata names the revision they reflect; its stream metadata sets <c>$maxCount</c> so
/// the server keeps only the last <see cref="Kept"/> (older ones go at the next scavenge).
/// The name starts with '$' on purpose: the server files it as a system stream, and our "every stream" filter
/// (<see cref="ReadRequests.NonSystemStreamsRegex"/>, mirrored by <see cref="StreamFilter"/>) and every prefix filter
/// of ours leave system streams out, so no $all reader (projections, audit trail, dispatcher, verify-store,
/// migrate-store) and no <see cref="IEventStore.GetLastPositionAsync"/> ever sees a snapshot. Writing a system stream
/// needs a user in <c>$admins</c> (or an ACL granting it): without it the write fails with access denied and the
/// caller replays streams in full, which is slower but correct.
/// Snapshots carry no hash chain: they are not facts and nothing verifies them.
/// </summary>
internal sealed class EventStoreDbSnapshots(EventStoreDbConnection connection)
{
    public const string StreamPrefix = "$snapshot-";
    public const string EventType = "crisiscenter.snapshot.v1";
    public const int Kept = 2;

    private const string RevisionField = "revision";
    private const string MetadataEventType = "$metadata";

    public static string StreamOf(string stream) => StreamPrefix + stream;

    public async Task<StoredSnapshot?> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        var snapshotStream = StreamOf(stream);
        var request = ReadRequests.Stream(snapshotStream, StreamRevision.End, ReadDirection.Backwards, 1);
        await foreach (var response in BoundedRead.RunAsync(connection, $"reading stream '{snapshotStream}'", snapshotStream, request, withDeadline: true, cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)
                return null;
            if (response.ContentCase == ReadResp.ContentOneofCase.Event && response.Event.Event is { } e)
                return RevisionOf(e.CustomMetadata.Span) is { } revision ? new StoredSnapshot(revision, e.Data.Memory) : null;
        }
        return null;
    }

    public async Task WriteAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        var snapshotStream = StreamOf(stream);
        var written = await AppendAsync(snapshotStream, new AppendReq.Types.ProposedMessage
        {
            Id = EventIdConversion.ToProto(Guid.NewGuid()),
            Metadata =
            {
                [RecordedEventConversion.TypeKey] = EventType,
                [RecordedEventConversion.ContentTypeKey] = "application/octet-stream",
            },
            CustomMetadata = ByteString.CopyFromUtf8(string.Create(CultureInfo.InvariantCulture, $"{{\"{RevisionField}\":{snapshot.Revision}}}")),
            Data = ByteString.CopyFrom(snapshot.Data.Span),
        }, cancellationToken).ConfigureAwait(false);

        // The first snapshot of a stream also sets its max count, once; a failure there leaves a longer snapshot stream
        // (more to scavenge), never a wrong one.
        if (written == 0)
        {
            await AppendAsync("$$" + snapshotStream, new AppendReq.Types.ProposedMessage
            {
                Id = EventIdConversion.ToProto(Guid.NewGuid()),
                Metadata =
                {
                    [RecordedEventConversion.TypeKey] = MetadataEventType,
                    [RecordedEventConversion.ContentTypeKey] = RecordedEventConversion.JsonContentType,
                },
                CustomMetadata = ByteString.Empty,
                Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes($"{{\"$maxCount\":{Kept}}}")),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends one event with "any" expected revision; returns the stream's revision after it.</summary>
    private async Task<long> AppendAsync(string stream, AppendReq.Types.ProposedMessage message, CancellationToken cancellationToken)
    {
        var answer = await connection.ExecuteAsync($"appending to stream '{stream}'", stream, ExpectedRevision.Any, withDeadline: true, async (client, options) =>
        {
            using var call = client.Append(options);
            try
            {
                await call.RequestStream.WriteAsync(new AppendReq { Options = ExpectedRevisionConversion.ToAppendOptions(stream, ExpectedRevision.Any) }, cancellationToken).ConfigureAwait(false);
                await call.RequestStream.WriteAsync(new AppendReq { ProposedMessage = message }, cancellationToken).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                // The server ended the call early (access denied, not leader, ...): its status comes with the response.
            }
            return await call.ResponseAsync.ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        return answer is { ResultCase: AppendResp.ResultOneofCase.Success, Success.CurrentRevisionOptionCase: AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision }
            ? checked((long)answer.Success.CurrentRevision)
            : throw new EventStoreUnavailableException($"EventStoreDB did not confirm the append to stream '{stream}'.");
    }

    private static long? RevisionOf(ReadOnlySpan<byte> customMetadata)
    {
        try
        {
            var reader = new Utf8JsonReader(customMetadata);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty(RevisionField, out var revision)
                   && revision.TryGetInt64(out var value) && value >= 0
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
