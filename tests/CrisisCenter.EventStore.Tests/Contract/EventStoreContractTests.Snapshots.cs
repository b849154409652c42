using System.Text;

namespace CrisisCenter.EventStore.Tests.Contract;

/// <summary>The snapshot cache every backend offers next to its events (<see cref="ISnapshotStore"/>): the newest
/// snapshot per stream comes back, and no snapshot ever shows up as an event.</summary>
public abstract partial class EventStoreContractTests
{
    private static readonly StreamFilter EveryStream = new([]);

    [SkippableFact]
    public async Task a_stream_without_a_snapshot_has_none()
    {
        var store = await OpenStoreAsync();

        (await Snapshots(store).ReadSnapshotAsync(StreamName("incident-1"))).Should().BeNull();
    }

    [SkippableFact]
    public async Task the_newest_snapshot_of_a_stream_is_read_back_and_other_streams_keep_their_own()
    {
        var store = await OpenStoreAsync();
        var snapshots = Snapshots(store);
        var stream = StreamName("incident-1");
        var other = StreamName("incident-2");

        await snapshots.WriteSnapshotAsync(stream, new StoredSnapshot(4, Bytes("at 4")));
        await snapshots.WriteSnapshotAsync(other, new StoredSnapshot(2, Bytes("other at 2")));
        await snapshots.WriteSnapshotAsync(stream, new StoredSnapshot(9, Bytes("at 9")));

        var newest = await snapshots.ReadSnapshotAsync(stream);
        newest!.Revision.Should().Be(9);
        Text(newest.Data).Should().Be("at 9");
        var ofOther = await snapshots.ReadSnapshotAsync(other);
        ofOther!.Revision.Should().Be(2);
        Text(ofOther.Data).Should().Be("other at 2");
    }

    [SkippableFact]
    public async Task snapshots_are_not_events_no_stream_read_global_read_or_subscription_meets_them()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var before = await store.GetLastPositionAsync();
        var events = SampleEvents.Many(3);
        var appended = await store.AppendAsync(stream, ExpectedRevision.NoStream, events);
        await using var subscription = SubscriptionProbe.Start(store, before, EveryStream);

        await Snapshots(store).WriteSnapshotAsync(stream, new StoredSnapshot(appended.NextExpectedRevision, Bytes("state at 2")));
        var marker = SampleEvents.One("after the snapshot");
        var last = await store.AppendAsync(stream, ExpectedRevision.Exact(2), [marker]);

        Ids(await ReadStreamAsync(store, stream)).Should().Equal([.. Ids(events), marker.EventId]);
        Ids(await ReadOwnStreamsAsync(store)).Should().Equal([.. Ids(events), marker.EventId]);
        var everything = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(before, EveryStream))
            everything.Add(e);
        everything.Where(e => e.Stream.Contains(Prefix, StringComparison.Ordinal)).Select(e => e.EventId)
            .Should().Equal([.. Ids(events), marker.EventId], "the snapshot is in no stream a global read returns");
        var delivered = await subscription.TakeUntilAsync(marker.EventId, TestTimeout);
        delivered.Where(e => e.Stream.Contains(Prefix, StringComparison.Ordinal)).Select(e => e.EventId)
            .Should().Equal([.. Ids(events), marker.EventId], "the snapshot is in no stream a subscription delivers");
        (await store.GetStreamRevisionAsync(stream)).Should().Be(3);
        (await store.GetLastPositionAsync()).Should().BeGreaterThanOrEqualTo(last.LastPosition);
        (await new StreamVerifier(store).VerifyAsync(stream)).IsIntact.Should().BeTrue();
    }

    private static ISnapshotStore Snapshots(IEventStore store) =>
        store as ISnapshotStore ?? throw new InvalidOperationException($"{store.GetType().Name} keeps no snapshots.");

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> data) => Encoding.UTF8.GetString(data.Span);
}
