using System.Text;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.EventStoreDb.Protocol;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>What an append sends (hash chain, event type, content type) and how a repeat is told from a conflict.</summary>
public sealed class AppendPlanningTests
{
    private static EventData Event(string text) =>
        new(Guid.NewGuid(), "incident.situation-update-logged.v1", Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}"""), new EventMetadata { ActorId = "user-17", CommandId = Guid.NewGuid() });

    private static RecordedEvent Stored(EventData e, long revision) =>
        new(e.EventId, "incident-1", revision, 1000 + revision, e.Type, e.Data, e.Metadata, DateTimeOffset.UnixEpoch, "", "");

    [Fact]
    public void the_first_events_of_a_stream_chain_from_genesis_and_verify()
    {
        var events = new[] { Event("a"), Event("b"), Event("c") };

        var proposed = ProposedEvents.Chain("incident-1", null, HashChain.Genesis, events);

        var previous = HashChain.Genesis;
        for (var i = 0; i < events.Length; i++)
        {
            var (metadata, previousHash, hash) = CustomMetadata.Read(proposed[i].CustomMetadata.Span);
            previousHash.Should().Be(previous);
            hash.Should().Be(HashChain.Compute(previousHash, events[i].EventId, "incident-1", i, events[i].Type, events[i].Data.Span, metadata));
            metadata.Should().Be(events[i].Metadata);
            previous = hash;
        }
    }

    [Fact]
    public void events_appended_to_an_existing_stream_chain_from_its_last_hash_and_revision()
    {
        var e = Event("a");
        var lastHash = new string('7', 64);

        var proposed = ProposedEvents.Chain("incident-1", 41, lastHash, [e]);

        var (_, previousHash, hash) = CustomMetadata.Read(proposed[0].CustomMetadata.Span);
        previousHash.Should().Be(lastHash);
        hash.Should().Be(HashChain.Compute(lastHash, e.EventId, "incident-1", 42, e.Type, e.Data.Span, e.Metadata));
    }

    [Fact]
    public void each_proposed_event_carries_our_id_type_json_content_type_and_data()
    {
        var e = Event("a");

        var message = ProposedEvents.Chain("incident-1", null, HashChain.Genesis, [e]).Single();

        EventIdConversion.FromProto(message.Id).Should().Be(e.EventId);
        message.Metadata.Should().Contain("type", "incident.situation-update-logged.v1").And.Contain("content-type", "application/json");
        message.Data.ToByteArray().Should().Equal(e.Data.ToArray());
    }

    [Fact]
    public void the_same_ids_in_the_same_order_are_a_repeat_answered_with_the_last_of_them()
    {
        var events = new[] { Event("a"), Event("b") };
        var stored = new[] { Stored(events[0], 5), Stored(events[1], 6) };

        EarlierAppend.Find(stored, events).Should().Be(new EarlierAppend.Repeated(stored[1]));
    }

    [Fact]
    public void a_repeat_found_among_later_events_is_still_a_repeat()
    {
        var events = new[] { Event("a"), Event("b") };
        var stored = new[] { Stored(Event("x"), 3), Stored(events[0], 4), Stored(events[1], 5), Stored(Event("y"), 6) };

        EarlierAppend.Find(stored, events).Should().Be(new EarlierAppend.Repeated(stored[2]));
    }

    [Fact]
    public void ids_not_stored_at_all_are_a_new_append()
    {
        var stored = new[] { Stored(Event("x"), 0) };

        EarlierAppend.Find(stored, [Event("a")]).Should().BeOfType<EarlierAppend.None>();
        EarlierAppend.Find([], [Event("a")]).Should().BeOfType<EarlierAppend.None>();
    }

    [Fact]
    public void some_ids_stored_and_others_not_is_a_conflict()
    {
        var events = new[] { Event("a"), Event("b") };
        var stored = new[] { Stored(events[0], 0), Stored(Event("x"), 1) };

        EarlierAppend.Find(stored, events).Should().BeOfType<EarlierAppend.Conflicting>()
            .Which.Problem.Should().Be("1 of the 2 event ids are already stored, the others are not");
    }

    [Fact]
    public void the_same_ids_in_another_order_are_a_conflict()
    {
        var events = new[] { Event("a"), Event("b") };
        var stored = new[] { Stored(events[1], 0), Stored(events[0], 1) };

        EarlierAppend.Find(stored, events).Should().BeOfType<EarlierAppend.Conflicting>();
    }

    [Fact]
    public void reading_a_stream_from_its_end_asks_for_the_end_marker()
    {
        var request = ReadRequests.Stream("incident-1", StreamRevision.End, ReadDirection.Backwards, 1);

        request.Options.Stream.RevisionOptionCase.Should().Be(ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.End);
        request.Options.ReadDirection.Should().Be(ReadReq.Types.Options.Types.ReadDirection.Backwards);
        request.Options.Count.Should().Be(1UL);
        request.Options.UuidOption.Should().NotBeNull("the server refuses reads without it");
    }

    [Fact]
    public void reading_a_stream_from_a_revision_asks_for_that_revision()
    {
        var request = ReadRequests.Stream("incident-1", 7, ReadDirection.Forwards, 20);

        request.Options.Stream.Revision.Should().Be(7UL);
        request.Options.Stream.StreamIdentifier.StreamName.ToStringUtf8().Should().Be("incident-1");
        request.Options.FilterOptionCase.Should().Be(ReadReq.Types.Options.FilterOptionOneofCase.NoFilter);
    }

    [Fact]
    public void prefixes_are_filtered_on_the_server()
    {
        var filter = ReadRequests.ToFilter(StreamFilter.Prefix("incident-", "rumor-"));

        filter.StreamIdentifier.Prefix.Should().Equal("incident-", "rumor-");
        filter.StreamIdentifier.Regex.Should().BeEmpty();
        filter.WindowCase.Should().Be(ReadReq.Types.Options.Types.FilterOptions.WindowOneofCase.Max, "the server refuses a filter without a window");
    }

    [Fact]
    public void no_prefix_means_every_stream_but_the_system_ones()
    {
        var filter = ReadRequests.ToFilter(null);

        filter.StreamIdentifier.Regex.Should().Be("^[^$]");
        System.Text.RegularExpressions.Regex.IsMatch("incident-1", filter.StreamIdentifier.Regex).Should().BeTrue();
        System.Text.RegularExpressions.Regex.IsMatch("$epoch-information", filter.StreamIdentifier.Regex).Should().BeFalse();
        System.Text.RegularExpressions.Regex.IsMatch("$$incident-1", filter.StreamIdentifier.Regex).Should().BeFalse();
    }

    [Fact]
    public void reading_all_after_a_position_asks_for_one_event_more_because_the_server_includes_that_position()
    {
        ReadRequests.AllForwards(500, null, 10).Options.Count.Should().Be(11UL);
        ReadRequests.AllForwards(GlobalPosition.Start, null, 10).Options.Count.Should().Be(10UL);
        ReadRequests.AllForwards(500, null, long.MaxValue).Options.Count.Should().Be((ulong)long.MaxValue);
    }

    [Fact]
    public void the_all_subscription_is_a_filtered_subscription_after_the_position()
    {
        var request = ReadRequests.SubscribeToAll(500, StreamFilter.Prefix("incident-"));

        request.Options.CountOptionCase.Should().Be(ReadReq.Types.Options.CountOptionOneofCase.Subscription);
        request.Options.All.Position.CommitPosition.Should().Be(500UL);
        request.Options.Filter.StreamIdentifier.Prefix.Should().Equal("incident-");
    }
}
