using System.Text.Json;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Application.Streams;

/// <summary>
/// An in-memory view over one small stream of facts (the user directory, the template library): appends with the
/// revision last seen, and folds in whatever was stored since (by this node or another), one catch-up at a time.
/// </summary>
public sealed class StreamFold<TEvent>(IEventStore store, string stream, IReadOnlyDictionary<string, Type> typesByName)
    where TEvent : class
{
    private readonly Dictionary<Type, string> _namesByType = typesByName.ToDictionary(p => p.Value, p => p.Key);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long? _revision;

    /// <summary>Appends one fact expecting the stream where this view last saw it (a
    /// <see cref="WrongExpectedRevisionException"/> means another writer came first: catch up and decide again),
    /// then folds it in.</summary>
    public Task AppendAsync(TEvent @event, string actorId, Action<TEvent> apply, CancellationToken ct) =>
        AppendAsync(@event, actorId, (e, _) => apply(e), ct);

    /// <summary>As <see cref="AppendAsync(TEvent, string, Action{TEvent}, CancellationToken)"/>, for a view that keeps
    /// the stream revision of each fact (e.g. as an entity tag).</summary>
    public async Task AppendAsync(TEvent @event, string actorId, Action<TEvent, long> apply, CancellationToken ct)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), DomainJson.Options);
        var metadata = Audit.ActingUser.For(actorId);
        await store.AppendAsync(stream, ExpectedRevision.FromLastRevision(_revision),
            [new EventData(Guid.NewGuid(), _namesByType[@event.GetType()], data, metadata)], ct);
        await CatchUpAsync(apply, ct);
    }

    /// <summary>Folds in the facts stored since the last one seen; types this version does not know are skipped.</summary>
    public Task CatchUpAsync(Action<TEvent> apply, CancellationToken ct) => CatchUpAsync((e, _) => apply(e), ct);

    /// <summary>Folds in the facts stored since the last one seen, each with its stream revision.</summary>
    public async Task CatchUpAsync(Action<TEvent, long> apply, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var from = _revision is { } r ? r + 1 : 0;
            await foreach (var recorded in store.ReadStreamAsync(stream, from, ReadDirection.Forwards, long.MaxValue, ct))
            {
                if (typesByName.TryGetValue(recorded.Type, out var type)
                    && JsonSerializer.Deserialize(recorded.Data.Span, type, DomainJson.Options) is TEvent e)
                    apply(e, recorded.Revision);
                _revision = recorded.Revision;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
