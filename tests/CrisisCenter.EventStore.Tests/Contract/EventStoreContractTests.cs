namespace CrisisCenter.EventStore.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> backend must show. A backend subclasses this and implements
/// <see cref="CreateStoreAsync"/>; xunit then runs every test below against it.
/// The suite may run against a shared, long-lived server that holds other data: every stream a test writes
/// starts with a prefix unique to that test (<see cref="Prefix"/>), every read of $all filters by it, and no
/// test assumes where positions start or that they are contiguous.
/// </summary>
public abstract partial class EventStoreContractTests : IAsyncLifetime
{
    private readonly List<IEventStore> opened = [];

    /// <summary>Opens the backend under test. Called inside each test, so a backend whose server is not
    /// configured can <c>Skip.If(...)</c> there. Stores that are disposable are disposed after the test.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    /// <summary>Starts every stream name of this test (one test = one instance of this class).</summary>
    protected string Prefix { get; } = $"t{Guid.NewGuid():N}-";

    /// <summary>Selects exactly the streams this test wrote.</summary>
    protected StreamFilter OwnStreams => StreamFilter.Prefix(Prefix);

    protected string StreamName(string name) => Prefix + name;

    /// <summary>Bounds every test: nothing may wait forever for an event that never comes.</summary>
    protected static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    protected async Task<IEventStore> OpenStoreAsync()
    {
        var store = await CreateStoreAsync();
        opened.Add(store);
        return store;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            if (store is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else if (store is IDisposable disposable)
                disposable.Dispose();
        }
    }

    protected static async Task<List<RecordedEvent>> ReadStreamAsync(IEventStore store, string stream, long from = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue)
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream, from, direction, maxCount, deadline.Token))
            events.Add(e);
        return events;
    }

    protected async Task<List<RecordedEvent>> ReadOwnStreamsAsync(IEventStore store, long afterPosition = GlobalPosition.Start, long maxCount = long.MaxValue)
    {
        using var deadline = new CancellationTokenSource(TestTimeout);
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(afterPosition, OwnStreams, maxCount, deadline.Token))
            events.Add(e);
        return events;
    }

    protected static Guid[] Ids(IEnumerable<EventData> events) => events.Select(e => e.EventId).ToArray();
    protected static Guid[] Ids(IEnumerable<RecordedEvent> events) => events.Select(e => e.EventId).ToArray();
}
