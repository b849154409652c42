using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Tests.Contract;
using CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>
/// The store contract through our whole EventStoreDB client (gRPC over h2c, hash chain, idempotency, $all position
/// mapping, subscription) against <see cref="EmulatedStreams"/>, an in-process emulation of the server's Streams
/// service. It checks the client end to end; whether the emulation matches the real server is what
/// <see cref="EventStoreDbContractTests"/> checks when CRISISCENTER_ESDB is set.
/// </summary>
public sealed class EmulatedServerContractTests : EventStoreContractTests
{
    private FakeStreamsNode? node;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        node ??= await FakeStreamsNode.StartAsync(new EmulatedStreams());
        return new EventStoreDbEventStore($"esdb://{node.Endpoint}?tls=false");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (node is not null)
            await node.DisposeAsync();
    }
}
