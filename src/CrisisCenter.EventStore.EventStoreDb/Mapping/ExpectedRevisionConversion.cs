using CrisisCenter.EventStore.EventStoreDb.Protocol;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>Our expected revision as the append options of the server, and the server's "current revision" back.</summary>
internal static class ExpectedRevisionConversion
{
    public static AppendReq.Types.Options ToAppendOptions(string stream, ExpectedRevision expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = StreamNameConversion.ToProto(stream) };
        if (expected.IsAny)
            options.Any = new Empty();
        else if (expected.IsNoStream)
            options.NoStream = new Empty();
        else
            options.Revision = (ulong)expected.Value;
        return options;
    }

    /// <summary>The stream's last revision according to a wrong-expected-version answer; null when it does not exist.</summary>
    public static long? ActualRevision(AppendResp.Types.WrongExpectedVersion wrong) => wrong switch
    {
        { CurrentRevisionOptionCase: AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision } => checked((long)wrong.CurrentRevision),
        { CurrentRevisionOptionCase: AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream } => null,
        { LegacyCurrentRevisionOptionCase: AppendResp.Types.WrongExpectedVersion.LegacyCurrentRevisionOptionOneofCase.LegacyCurrentRevision } => checked((long)wrong.LegacyCurrentRevision),
        _ => null,
    };
}
