using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>The contract, run against a real SQLite file with the default options.</summary>
public sealed class SqliteEventStoreContractTests : EventStoreContractTests
{
    private readonly TemporaryDatabaseFile file = new();

    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(new SqliteEventStore(file.Options));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        file.Dispose();
    }
}

/// <summary>The contract again with tiny pages and tiny commit batches, so that every read and subscription in
/// it crosses page boundaries and concurrent appends spill over several group commits.</summary>
public sealed class SqliteEventStoreSmallPagesContractTests : EventStoreContractTests
{
    private readonly TemporaryDatabaseFile file = new();

    protected override Task<IEventStore> CreateStoreAsync() =>
        Task.FromResult<IEventStore>(new SqliteEventStore(file.Options with { ReadPageSize = 2, MaxAppendsPerCommit = 3 }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        file.Dispose();
    }
}
