using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

public sealed class ConversionTests
{
    [Fact]
    public void reading_after_a_position_starts_at_that_commit_and_prepare_position()
    {
        var options = GlobalPositionConversion.ToAllOptions(123_456);

        options.AllOptionCase.Should().Be(ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Position);
        options.Position.CommitPosition.Should().Be(123_456UL);
        options.Position.PreparePosition.Should().Be(123_456UL);
    }

    [Fact]
    public void reading_after_the_global_start_reads_from_the_start_of_the_log()
    {
        GlobalPositionConversion.ToAllOptions(GlobalPosition.Start).AllOptionCase
            .Should().Be(ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Start);
    }

    [Fact]
    public void a_position_before_the_start_is_refused()
    {
        var convert = () => GlobalPositionConversion.ToAllOptions(-2);

        convert.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void the_commit_position_is_the_global_position_and_beyond_long_is_corrupt_data()
    {
        GlobalPositionConversion.FromServer(987_654_321UL).Should().Be(987_654_321L);
        var unknown = () => GlobalPositionConversion.FromServer(ulong.MaxValue);
        unknown.Should().Throw<InvalidDataException>().WithMessage("*legacy explicit transaction*");
        var tooLarge = () => GlobalPositionConversion.FromServer((ulong)long.MaxValue + 1);
        tooLarge.Should().Throw<InvalidDataException>().WithMessage("*beyond the range*");
    }

    [Fact]
    public void after_is_exclusive()
    {
        GlobalPositionConversion.IsAfter(100, 100).Should().BeFalse();
        GlobalPositionConversion.IsAfter(101, 100).Should().BeTrue();
        GlobalPositionConversion.IsAfter(0, GlobalPosition.Start).Should().BeTrue();
    }

    [Fact]
    public void an_exact_revision_is_sent_as_that_revision()
    {
        var options = ExpectedRevisionConversion.ToAppendOptions("incident-1", ExpectedRevision.Exact(41));

        options.ExpectedStreamRevisionCase.Should().Be(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision);
        options.Revision.Should().Be(41UL);
        options.StreamIdentifier.StreamName.ToStringUtf8().Should().Be("incident-1");
    }

    [Fact]
    public void no_stream_and_any_are_sent_as_their_markers()
    {
        ExpectedRevisionConversion.ToAppendOptions("s", ExpectedRevision.NoStream).ExpectedStreamRevisionCase
            .Should().Be(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream);
        ExpectedRevisionConversion.ToAppendOptions("s", ExpectedRevision.Any).ExpectedStreamRevisionCase
            .Should().Be(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any);
    }

    [Fact]
    public void the_actual_revision_of_a_wrong_expected_version_answer_is_read_from_current_or_legacy_fields()
    {
        ExpectedRevisionConversion.ActualRevision(new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 7, LegacyCurrentRevision = 7 }).Should().Be(7);
        ExpectedRevisionConversion.ActualRevision(new AppendResp.Types.WrongExpectedVersion { CurrentNoStream = new Empty(), LegacyNoStream = new Empty() }).Should().BeNull();
        ExpectedRevisionConversion.ActualRevision(new AppendResp.Types.WrongExpectedVersion { LegacyCurrentRevision = 3 }).Should().Be(3);
    }

    [Fact]
    public void event_ids_travel_as_their_canonical_string()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

        EventIdConversion.ToProto(id).String.Should().Be("00112233-4455-6677-8899-aabbccddeeff");
        EventIdConversion.FromProto(EventIdConversion.ToProto(id)).Should().Be(id);
    }

    [Fact]
    public void structured_event_ids_are_the_big_endian_halves_of_the_uuid()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

        EventIdConversion.ToHalves(id).Should().Be((0x0011223344556677L, unchecked((long)0x8899aabbccddeeffUL)));
        var structured = new UUID { Structured = new UUID.Types.Structured { MostSignificantBits = 0x0011223344556677L, LeastSignificantBits = unchecked((long)0x8899aabbccddeeffUL) } };
        EventIdConversion.FromProto(structured).Should().Be(id);
    }

    [Fact]
    public void the_recorded_time_is_the_servers_created_ticks_since_the_unix_epoch()
    {
        var at = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_932);
        var ticks = (at.UtcDateTime - DateTime.UnixEpoch).Ticks;

        RecordedEventConversion.CreatedAt(ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Be(at);
    }

    [Fact]
    public void a_server_event_becomes_our_recorded_event_with_metadata_and_hashes()
    {
        var id = Guid.NewGuid();
        var metadata = new EventMetadata { ActorId = "user-17", AgencyCode = "MES", CorrelationId = Guid.NewGuid() };
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var server = new ReadResp.Types.ReadEvent.Types.RecordedEvent
        {
            Id = new UUID { String = id.ToString() },
            StreamIdentifier = StreamNameConversion.ToProto("incident-1"),
            StreamRevision = 3,
            CommitPosition = 5000,
            PreparePosition = 5000,
            Metadata =
            {
                ["type"] = "incident.declared.v1",
                ["content-type"] = "application/json",
                ["created"] = (created.UtcDateTime - DateTime.UnixEpoch).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            CustomMetadata = ByteString.CopyFrom(CustomMetadata.Write(metadata, "prev", "this")),
            Data = ByteString.CopyFromUtf8("""{"title":"Flood"}"""),
        };

        var recorded = RecordedEventConversion.FromProto(server);

        recorded.EventId.Should().Be(id);
        recorded.Stream.Should().Be("incident-1");
        recorded.Revision.Should().Be(3);
        recorded.Position.Should().Be(5000);
        recorded.Type.Should().Be("incident.declared.v1");
        System.Text.Encoding.UTF8.GetString(recorded.Data.Span).Should().Be("""{"title":"Flood"}""");
        recorded.Metadata.Should().Be(metadata);
        recorded.RecordedAt.Should().Be(created);
        recorded.PreviousHash.Should().Be("prev");
        recorded.Hash.Should().Be("this");
    }

    [Fact]
    public void an_event_written_by_someone_else_reads_with_empty_metadata_and_no_hashes()
    {
        CustomMetadata.Read("not json"u8).Should().Be((EventMetadata.Empty, "", ""));
        CustomMetadata.Read(ReadOnlySpan<byte>.Empty).Should().Be((EventMetadata.Empty, "", ""));
        CustomMetadata.Read("""{"$correlationId":"x"}"""u8).Should().Be((EventMetadata.Empty, "", ""));
    }

    [Fact]
    public void custom_metadata_is_camel_case_json_with_the_hash_chain()
    {
        var json = System.Text.Encoding.UTF8.GetString(CustomMetadata.Write(new EventMetadata { ActorId = "user-17" }, "aa", "bb"));

        json.Should().Be("""{"actorId":"user-17","previousHash":"aa","hash":"bb"}""");
    }
}
