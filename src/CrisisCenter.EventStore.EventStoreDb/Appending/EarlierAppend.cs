namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// Whether an append repeats one already stored, judged by event ids against the stored events where it would be:
/// all ids there, consecutive and in order, is a repeat (answer with the original result, write nothing); none of
/// them is a new append; anything in between is a client bug (<see cref="IdempotencyConflictException"/>).
/// </summary>
internal abstract record EarlierAppend
{
    public sealed record None : EarlierAppend;
    public sealed record Repeated(RecordedEvent Last) : EarlierAppend;
    public sealed record Conflicting(string Problem) : EarlierAppend;

    /// <param name="stored">Stored events in stream order (forwards) where the append's events would be found.</param>
    public static EarlierAppend Find(IReadOnlyList<RecordedEvent> stored, IReadOnlyList<EventData> events)
    {
        var index = new Dictionary<Guid, int>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
            index.TryAdd(stored[i].EventId, i);

        var found = new List<int>(events.Count);
        foreach (var e in events)
            if (index.TryGetValue(e.EventId, out var at))
                found.Add(at);

        if (found.Count == 0)
            return new None();
        if (found.Count < events.Count)
            return new Conflicting($"{found.Count} of the {events.Count} event ids are already stored, the others are not");
        for (var i = 1; i < found.Count; i++)
            if (found[i] != found[i - 1] + 1)
                return new Conflicting("the event ids are already stored, but not consecutively in this order");
        return new Repeated(stored[found[^1]]);
    }
}
