using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>
/// The store contract against a real EventStoreDB/KurrentDB server named by CRISISCENTER_ESDB (a connection string,
/// e.g. esdb://127.0.0.1:2113?tls=false). Without it every test here is reported as skipped, never as passed.
/// The suite writes only streams with a per-test prefix, so a shared server is fine; its user must be allowed to
/// read $all (admins are by default).
/// </summary>
public sealed class EventStoreDbContractTests : EventStoreContractTests
{
    public const string ConnectionVariable = "CRISISCENTER_ESDB";

    protected override Task<IEventStore> CreateStoreAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        Skip.If(string.IsNullOrEmpty(connectionString),
            $"{ConnectionVariable} is not set: EventStoreDB contract tests need a running server, e.g. esdb://127.0.0.1:2113?tls=false");
        return Task.FromResult<IEventStore>(new EventStoreDbEventStore(connectionString!));
    }
}
