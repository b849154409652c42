using System.Text.Json;
using CrisisCenter.Application.Projections;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.LiveTimeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Tests.LiveTimeline;

/// <summary>A live entry is made into JSON once for all its followers, and that JSON is what the hub would have written.</summary>
public sealed class LivePayloadsTests
{
    private static readonly JsonHubProtocolOptions Protocol = HubProtocol();

    [Fact]
    public void an_entry_sent_to_many_connections_is_serialised_once()
    {
        var payloads = new LivePayloads(Options.Create(Protocol));
        var entry = Entry(position: 41);

        var first = payloads.For(entry);
        var again = payloads.For(entry);

        again.Should().BeSameAs(first);
    }

    [Fact]
    public void the_json_on_the_wire_is_the_json_of_the_dto_with_the_hubs_options()
    {
        var payloads = new LivePayloads(Options.Create(Protocol));
        var entry = Entry(position: 42);

        var written = JsonSerializer.Serialize(payloads.For(entry), Protocol.PayloadSerializerOptions);

        written.Should().Be(JsonSerializer.Serialize(entry, Protocol.PayloadSerializerOptions));
        written.Should().Contain("\"position\":42").And.Contain("\"details\":{\"text\":\"Road closed at km 12\"}");
    }

    [Fact]
    public void equal_entries_that_are_different_objects_are_each_serialised_from_their_own_values()
    {
        var payloads = new LivePayloads(Options.Create(Protocol));
        var one = Entry(position: 43);
        var other = Entry(position: 44);

        JsonSerializer.Serialize(payloads.For(one), Protocol.PayloadSerializerOptions).Should().Contain("\"position\":43");
        JsonSerializer.Serialize(payloads.For(other), Protocol.PayloadSerializerOptions).Should().Contain("\"position\":44");
    }

    [Fact]
    public void a_message_is_framed_once_and_the_frame_is_what_the_hub_protocol_writes_for_the_dto()
    {
        var payloads = new LivePayloads(Options.Create(Protocol));
        var entry = Entry(position: 45);
        var protocol = new JsonHubProtocol(Options.Create(Protocol));

        var frame = payloads.Frame(TimelineHubContract.TimelineMethod, entry);
        var direct = new System.Buffers.ArrayBufferWriter<byte>();
        protocol.WriteMessage(new InvocationMessage(TimelineHubContract.TimelineMethod, [entry]), direct);

        payloads.Frame(TimelineHubContract.TimelineMethod, entry).Should().BeSameAs(frame);
        frame.GetSerializedMessage(protocol).ToArray().Should().Equal(direct.WrittenSpan.ToArray());
    }

    [Fact]
    public void the_same_payload_under_another_method_gets_its_own_frame()
    {
        var payloads = new LivePayloads(Options.Create(Protocol));
        var entry = Entry(position: 46);
        var protocol = new JsonHubProtocol(Options.Create(Protocol));

        var timeline = payloads.Frame(TimelineHubContract.TimelineMethod, entry);
        var board = payloads.Frame(TimelineHubContract.BoardMethod, entry);

        System.Text.Encoding.UTF8.GetString(board.GetSerializedMessage(protocol).Span).Should().Contain("\"target\":\"board\"");
        System.Text.Encoding.UTF8.GetString(timeline.GetSerializedMessage(protocol).Span).Should().Contain("\"target\":\"timeline\"");
    }

    private static JsonHubProtocolOptions HubProtocol()
    {
        var protocol = new JsonHubProtocolOptions();
        ApiJson.Configure(protocol.PayloadSerializerOptions);
        return protocol;
    }

    private static TimelineEntry Entry(long position) => new(
        position, Guid.NewGuid(), Guid.NewGuid(), 3, "situation_update.logged.v1", "situation-update",
        new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), "press.mes", "Press officer MES", "MES", "ru",
        "Verified situation update: \"Road closed at km 12\"", null, null, Guid.NewGuid(), null,
        new Dictionary<string, string?> { ["text"] = "Road closed at km 12" });
}
