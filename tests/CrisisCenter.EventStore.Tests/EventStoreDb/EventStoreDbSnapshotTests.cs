using System.Text;
using System.Text.Json;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>How snapshots are laid out on EventStoreDB, against the emulated Streams service: a system stream per
/// snapshotted stream, its max count set once by stream metadata.</summary>
public sealed class EventStoreDbSnapshotTests : IAsyncLifetime
{
    private FakeStreamsNode node = null!;
    private EventStoreDbEventStore store = null!;

    public async Task InitializeAsync()
    {
        node = await FakeStreamsNode.StartAsync(new EmulatedStreams());
        store = new EventStoreDbEventStore($"esdb://{node.Endpoint}?tls=false");
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await node.DisposeAsync();
    }

    [Fact]
    public async Task snapshots_go_to_a_system_stream_whose_max_count_is_set_once()
    {
        var stream = $"incident-{Guid.NewGuid():D}";

        await store.WriteSnapshotAsync(stream, new StoredSnapshot(499, Encoding.UTF8.GetBytes("first")));
        await store.WriteSnapshotAsync(stream, new StoredSnapshot(999, Encoding.UTF8.GetBytes("second")));

        var snapshotStream = EventStoreDbSnapshots.StreamOf(stream);
        snapshotStream.Should().StartWith("$", "system streams are outside every $all filter of ours");
        var written = await ReadAsync(snapshotStream);
        written.Select(e => e.Type).Should().Equal(EventStoreDbSnapshots.EventType, EventStoreDbSnapshots.EventType);
        var metadata = await ReadAsync("$$" + snapshotStream);
        metadata.Should().ContainSingle().Which.Type.Should().Be("$metadata");
        JsonDocument.Parse(metadata[0].Data).RootElement.GetProperty("$maxCount").GetInt32().Should().Be(EventStoreDbSnapshots.Kept);
        (await store.ReadSnapshotAsync(stream))!.Revision.Should().Be(999);
    }

    [Fact]
    public async Task a_snapshot_event_without_a_readable_revision_counts_as_no_snapshot()
    {
        var stream = $"incident-{Guid.NewGuid():D}";
        // Someone else's event in the snapshot stream: no custom metadata naming a revision.
        await store.AppendAsync(EventStoreDbSnapshots.StreamOf(stream), ExpectedRevision.Any,
            [new EventData(Guid.NewGuid(), EventStoreDbSnapshots.EventType, Encoding.UTF8.GetBytes("{}"), EventMetadata.Empty)]);

        (await store.ReadSnapshotAsync(stream)).Should().BeNull();
    }

    private async Task<List<RecordedEvent>> ReadAsync(string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream))
            events.Add(e);
        return events;
    }
}
