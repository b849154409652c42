using System.Collections.Frozen;
using System.Reflection;

namespace CrisisCenter.Domain;

/// <summary>Maps stored event type names to CLR types and back, built from <see cref="EventTypeAttribute"/>.</summary>
public static class EventTypes
{
    private static readonly FrozenDictionary<Type, string> NamesByType = typeof(IncidentEvent).Assembly
        .GetTypes()
        .Where(type => type is { IsAbstract: false } && typeof(IncidentEvent).IsAssignableFrom(type))
        .ToFrozenDictionary(
            type => type,
            type => type.GetCustomAttribute<EventTypeAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{type.Name} has no [EventType] name."));

    public static IReadOnlyDictionary<string, Type> ByName { get; } =
        NamesByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string NameOf(Type eventType) =>
        NamesByType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"{eventType.Name} is not a known incident event.", nameof(eventType));

    public static string NameOf(IncidentEvent @event) => NameOf(@event.GetType());
}
