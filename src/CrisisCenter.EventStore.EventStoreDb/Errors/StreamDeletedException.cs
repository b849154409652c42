namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>The stream was deleted for good (tombstoned) on the server: it can be neither read nor appended to again.</summary>
public sealed class StreamDeletedException(string stream)
    : EventStoreException($"Stream '{stream}' has been deleted in EventStoreDB (tombstoned): it cannot be read or appended to again.")
{
    public string Stream { get; } = stream;
}
