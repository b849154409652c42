using System.Text;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;
using Grpc.Core;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>
/// Our client against an in-process gRPC server over real HTTP/2 (h2c): what goes on the wire, and what the client
/// does when a node redirects, fails, stalls or drops a subscription.
/// </summary>
public sealed class TransportTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
            await owned.DisposeAsync();
    }

    private async Task<FakeStreamsNode> StartNodeAsync()
    {
        var node = await FakeStreamsNode.StartAsync();
        _owned.Add(node);
        return node;
    }

    private EventStoreDbEventStore Connect(string connectionString)
    {
        var store = new EventStoreDbEventStore(connectionString);
        _owned.Add(store);
        return store;
    }

    private static EventData Event(string text = "Water level on the Ishim rose 40 cm") =>
        new(Guid.NewGuid(), "incident.situation-update-logged.v1", Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}"""), new EventMetadata { ActorId = "user-17" });

    private static AppendResp Success(ulong revision, ulong position) => new()
    {
        Success = new AppendResp.Types.Success { CurrentRevision = revision, Position = new AppendResp.Types.Position { CommitPosition = position, PreparePosition = position } },
    };

    [Fact]
    public async Task calls_go_over_plain_http2_with_basic_credentials_and_ask_for_the_leader()
    {
        var node = await StartNodeAsync();
        var store = Connect($"esdb://admin:changeit@{node.Endpoint}?tls=false");

        var revision = await store.GetStreamRevisionAsync("incident-1");

        revision.Should().BeNull("the stream does not exist on the node");
        var headers = node.Streams.RequestHeaders.Should().ContainSingle().Which;
        headers.GetValue("authorization").Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:changeit")));
        headers.GetValue("requires-leader").Should().Be("true");
    }

    [Fact]
    public async Task an_append_sends_options_first_then_each_event_chained_onto_the_stored_last_hash()
    {
        var node = await StartNodeAsync();
        var lastHash = new string('a', 64);
        var existing = node.Streams.Log.Add("incident-1", Guid.NewGuid(), "incident.declared.v1",
            Google.Protobuf.ByteString.CopyFrom(CustomMetadata.Write(EventMetadata.Empty, HashChain.Genesis, lastHash)));
        node.Streams.OnAppend = (_, events) => Success(1 + (ulong)events.Count - 1, 9_000);
        var store = Connect($"esdb://{node.Endpoint}?tls=false");
        var batch = new[] { Event("one"), Event("two") };

        var result = await store.AppendAsync("incident-1", ExpectedRevision.Exact(0), batch);

        var (options, sent) = node.Streams.Appends.Should().ContainSingle().Which;
        options.Revision.Should().Be(existing.StreamRevision);
        sent.Select(m => EventIdConversion.FromProto(m.Id)).Should().Equal(batch.Select(e => e.EventId));
        CustomMetadata.Read(sent[0].CustomMetadata.Span).PreviousHash.Should().Be(lastHash);
        CustomMetadata.Read(sent[1].CustomMetadata.Span).PreviousHash.Should().Be(CustomMetadata.Read(sent[0].CustomMetadata.Span).Hash);
        result.Should().Be(new AppendResult(2, 9_000) { LastHash = CustomMetadata.Read(sent[1].CustomMetadata.Span).Hash });
        node.Streams.Reads.Should().ContainSingle("without a tail the stream's last event is read first");
    }

    [Fact]
    public async Task an_append_after_a_known_tail_is_one_round_trip_chained_onto_the_tails_hash()
    {
        var node = await StartNodeAsync();
        node.Streams.OnAppend = (options, events) => Success(options.Revision + (ulong)events.Count, 9_000);
        var store = Connect($"esdb://{node.Endpoint}?tls=false");
        var tail = new StreamTail(41, new string('c', 64));

        var result = await store.AppendAsync("incident-1", ExpectedRevision.Exact(41), [Event("one"), Event("two")], tail);

        node.Streams.Reads.Should().BeEmpty("the caller named the last event");
        var (options, sent) = node.Streams.Appends.Should().ContainSingle().Which;
        options.Revision.Should().Be(41UL);
        CustomMetadata.Read(sent[0].CustomMetadata.Span).PreviousHash.Should().Be(tail.Hash);
        result.Should().Be(new AppendResult(43, 9_000) { LastHash = CustomMetadata.Read(sent[1].CustomMetadata.Span).Hash });
        result.Tail.Should().Be(new StreamTail(43, result.LastHash!));
    }

    [Fact]
    public async Task a_stale_tail_costs_a_read_of_where_the_events_would_be_and_fails_with_the_actual_revision()
    {
        var node = await StartNodeAsync();
        var log = node.Streams.Log;
        for (var i = 0; i < 3; i++)
            log.Add("incident-1", Guid.NewGuid(), "t", Google.Protobuf.ByteString.Empty);
        node.Streams.OnAppend = (_, _) => new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 2 } };
        var store = Connect($"esdb://{node.Endpoint}?tls=false");

        var append = () => store.AppendAsync("incident-1", ExpectedRevision.Exact(0), [Event()], new StreamTail(0, new string('d', 64)));

        var failure = (await append.Should().ThrowAsync<WrongExpectedRevisionException>()).Which;
        failure.ActualRevision.Should().Be(2);
        node.Streams.Appends.Should().ContainSingle("a conflict is told from a repeat by reading, not by appending again");
        node.Streams.Reads.Should().ContainSingle().Which.Options.Stream.RevisionOptionCase.Should().Be(ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Revision);
    }

    [Fact]
    public async Task a_follower_sends_the_client_to_the_leader_it_names_and_the_append_lands_there()
    {
        var leader = await StartNodeAsync();
        var follower = await StartNodeAsync();
        follower.Streams.OnRead = (_, _, _) => throw ScriptedStreams.NotLeader(leader.Endpoint);
        follower.Streams.OnAppend = (_, _) => throw ScriptedStreams.NotLeader(leader.Endpoint);
        leader.Streams.OnAppend = (_, _) => Success(0, 500);
        var store = Connect($"esdb://{follower.Endpoint}?tls=false");
        var e = Event();

        var result = await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [e]);

        result.Should().BeEquivalentTo(new { NextExpectedRevision = 0L, LastPosition = 500L });
        EventIdConversion.FromProto(leader.Streams.Appends.Should().ContainSingle().Which.Events.Single().Id).Should().Be(e.EventId);
        follower.Streams.Appends.Should().ContainSingle("the follower redirected the append itself");
        follower.Streams.Reads.Should().BeEmpty("an append that expects no stream chains from genesis without reading");
    }

    [Fact]
    public async Task when_the_leader_we_were_sent_to_dies_the_next_call_goes_back_to_the_listed_nodes()
    {
        var leader = await FakeStreamsNode.StartAsync();
        var seed = await StartNodeAsync();
        var leaderEndpoint = leader.Endpoint;
        seed.Streams.OnRead = (_, _, _) => throw ScriptedStreams.NotLeader(leaderEndpoint);
        var store = Connect($"esdb://{seed.Endpoint}?tls=false&defaultDeadline=3000");
        (await store.GetStreamRevisionAsync("incident-1")).Should().BeNull();
        await leader.DisposeAsync();
        seed.Streams.OnRead = null;

        var whileDown = () => store.GetStreamRevisionAsync("incident-1");
        await whileDown.Should().ThrowAsync<EventStoreUnavailableException>();
        (await store.GetStreamRevisionAsync("incident-1")).Should().BeNull();

        seed.Streams.Reads.Should().HaveCount(2, "the first read was redirected, the last one came back to the listed node");
    }

    [Fact]
    public async Task an_unreachable_node_makes_the_store_unavailable_naming_the_node()
    {
        var port = FakeStreamsNode.UnusedPort();
        var store = Connect($"esdb://127.0.0.1:{port}?tls=false&defaultDeadline=3000");

        var append = () => store.AppendAsync("incident-1", ExpectedRevision.NoStream, [Event()]);

        (await append.Should().ThrowAsync<EventStoreUnavailableException>())
            .Which.Message.Should().Contain("EventStoreDB is unavailable").And.Contain($"127.0.0.1:{port}");
    }

    [Fact]
    public async Task a_dead_node_in_the_list_is_skipped_for_the_next_one()
    {
        var live = await StartNodeAsync();
        var store = Connect($"esdb://127.0.0.1:{FakeStreamsNode.UnusedPort()},{live.Endpoint}?tls=false");

        (await store.GetStreamRevisionAsync("incident-1")).Should().BeNull();

        live.Streams.Reads.Should().ContainSingle();
    }

    [Fact]
    public async Task a_node_slower_than_the_deadline_makes_the_store_unavailable_and_says_so()
    {
        var node = await StartNodeAsync();
        node.Streams.OnRead = async (_, _, context) => await Task.Delay(TimeSpan.FromSeconds(10), context.CancellationToken);
        var store = Connect($"esdb://{node.Endpoint}?tls=false&defaultDeadline=300");

        var read = () => store.GetStreamRevisionAsync("incident-1");

        (await read.Should().ThrowAsync<EventStoreUnavailableException>()).Which.Message.Should().Contain("within the deadline");
    }

    [Fact]
    public async Task access_denied_makes_the_store_unavailable_with_the_reason()
    {
        var node = await StartNodeAsync();
        node.Streams.OnRead = (_, _, _) => throw new RpcException(new Status(StatusCode.PermissionDenied, "Access Denied"), new Metadata { { "exception", "access-denied" } });
        var store = Connect($"esdb://reader:wrong@{node.Endpoint}?tls=false");

        var read = () => store.GetStreamRevisionAsync("incident-1");

        (await read.Should().ThrowAsync<EventStoreUnavailableException>()).Which.Message.Should().Contain("access denied");
        (await store.PingAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task reading_a_deleted_stream_fails_with_a_clear_error()
    {
        var node = await StartNodeAsync();
        node.Streams.OnRead = (_, _, _) => throw new RpcException(new Status(StatusCode.FailedPrecondition, "Event stream 'incident-1' is deleted."),
            new Metadata { { "exception", "stream-deleted" }, { "stream-name", "incident-1" } });
        var store = Connect($"esdb://{node.Endpoint}?tls=false");

        var read = async () => await store.ReadStreamAsync("incident-1").ToListAsync();

        (await read.Should().ThrowAsync<StreamDeletedException>()).Which.Stream.Should().Be("incident-1");
    }

    [Fact]
    public async Task the_probe_is_ready_when_the_node_answers()
    {
        var node = await StartNodeAsync();
        var store = Connect($"esdb://{node.Endpoint}?tls=false");

        (await store.PingAsync()).Should().BeTrue();
        var health = await new EventStoreDbHealthCheck(store).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        health.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
    }

    [Fact]
    public async Task another_writer_winning_the_race_is_reported_with_the_streams_actual_revision()
    {
        var node = await StartNodeAsync();
        var log = node.Streams.Log;
        log.Add("incident-1", Guid.NewGuid(), "t", Google.Protobuf.ByteString.Empty);
        // Between our read of the tail and our append, two events of someone else land.
        node.Streams.OnAppend = (_, _) =>
        {
            log.Add("incident-1", Guid.NewGuid(), "t", Google.Protobuf.ByteString.Empty);
            log.Add("incident-1", Guid.NewGuid(), "t", Google.Protobuf.ByteString.Empty);
            return new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 2 } };
        };
        var store = Connect($"esdb://{node.Endpoint}?tls=false");

        var append = () => store.AppendAsync("incident-1", ExpectedRevision.Exact(0), [Event()]);

        var failure = (await append.Should().ThrowAsync<WrongExpectedRevisionException>()).Which;
        failure.ActualRevision.Should().Be(2);
        failure.Expected.Should().Be(ExpectedRevision.Exact(0));
    }

    [Fact]
    public async Task an_append_with_any_chains_onto_the_winner_and_tries_again()
    {
        var node = await StartNodeAsync();
        var log = node.Streams.Log;
        var winnersHash = new string('b', 64);
        var attempts = 0;
        node.Streams.OnAppend = (options, events) =>
        {
            if (++attempts == 1)
            {
                log.Add("incident-1", Guid.NewGuid(), "t", Google.Protobuf.ByteString.CopyFrom(CustomMetadata.Write(EventMetadata.Empty, HashChain.Genesis, winnersHash)));
                return new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 0 } };
            }
            var stored = log.Add("incident-1", events[0]);
            return Success(stored.StreamRevision, stored.CommitPosition);
        };
        var store = Connect($"esdb://{node.Endpoint}?tls=false");

        var result = await store.AppendAsync("incident-1", ExpectedRevision.Any, [Event()]);

        result.NextExpectedRevision.Should().Be(1);
        var sent = node.Streams.Appends.ToArray();
        sent.Should().HaveCount(2);
        sent[0].Options.ExpectedStreamRevisionCase.Should().Be(AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream);
        sent[1].Options.Revision.Should().Be(0UL);
        CustomMetadata.Read(sent[1].Events[0].CustomMetadata.Span).PreviousHash.Should().Be(winnersHash);
    }

    [Fact]
    public async Task a_dropped_subscription_resumes_after_the_last_delivered_event_with_no_gap_and_no_duplicate()
    {
        var node = await StartNodeAsync();
        var subscriptions = 0;
        var events = Enumerable.Range(1, 5).Select(i => (Position: (ulong)(i * 100), Id: Guid.NewGuid())).ToArray();
        node.Streams.OnRead = async (request, responses, context) =>
        {
            await responses.WriteAsync(new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = "s" } });
            if (Interlocked.Increment(ref subscriptions) == 1)
            {
                foreach (var e in events[..3])
                    await responses.WriteAsync(AllEvent(e.Position, e.Id));
                throw new RpcException(new Status(StatusCode.Unavailable, "node restarting"));
            }
            // A server that repeats the last delivered event must not make the subscriber see it twice.
            foreach (var e in events[2..])
                await responses.WriteAsync(AllEvent(e.Position, e.Id));
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        };
        var store = Connect($"esdb://{node.Endpoint}?tls=false");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var received = new List<RecordedEvent>();
        await foreach (var e in store.SubscribeToAllAsync(GlobalPosition.Start, StreamFilter.Prefix("incident-"), timeout.Token))
        {
            received.Add(e);
            if (received.Count == 5)
                break;
        }

        received.Select(e => e.EventId).Should().Equal(events.Select(e => e.Id));
        received.Select(e => e.Position).Should().Equal(100, 200, 300, 400, 500);
        var requests = node.Streams.Reads.ToArray();
        requests.Should().HaveCount(2);
        requests[0].Options.All.AllOptionCase.Should().Be(ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Start);
        requests[1].Options.All.Position.CommitPosition.Should().Be(300UL, "the second subscription starts after the last delivered event");
        requests[1].Options.Filter.StreamIdentifier.Prefix.Should().Equal("incident-");
    }

    [Fact]
    public async Task reading_all_after_a_position_skips_the_event_at_that_position_the_server_includes()
    {
        var node = await StartNodeAsync();
        node.Streams.OnRead = async (request, responses, _) =>
        {
            foreach (var position in new ulong[] { 300, 400, 500 })
                await responses.WriteAsync(AllEvent(position, Guid.NewGuid()));
        };
        var store = Connect($"esdb://{node.Endpoint}?tls=false");

        var read = await store.ReadAllAsync(300, StreamFilter.Prefix("incident-"), maxCount: 2).ToListAsync();

        read.Select(e => e.Position).Should().Equal(400, 500);
        node.Streams.Reads.Single().Options.Count.Should().Be(3UL);
    }

    private static ReadResp AllEvent(ulong position, Guid id) => new()
    {
        Event = new ReadResp.Types.ReadEvent
        {
            CommitPosition = position,
            Event = new ReadResp.Types.ReadEvent.Types.RecordedEvent
            {
                Id = EventIdConversion.ToProto(id),
                StreamIdentifier = StreamNameConversion.ToProto("incident-1"),
                StreamRevision = position / 100 - 1,
                CommitPosition = position,
                PreparePosition = position,
                Metadata = { ["type"] = "t", ["content-type"] = "application/json", ["created"] = "0" },
            },
        },
    };
}
