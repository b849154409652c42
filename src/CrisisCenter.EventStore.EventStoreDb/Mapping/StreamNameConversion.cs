using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;

namespace CrisisCenter.EventStore.EventStoreDb;

internal static class StreamNameConversion
{
    public static StreamIdentifier ToProto(string stream) => new() { StreamName = ByteString.CopyFromUtf8(stream) };

    public static string FromProto(StreamIdentifier? identifier) => identifier?.StreamName.ToStringUtf8() ?? "";
}
