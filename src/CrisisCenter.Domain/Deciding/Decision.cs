using System.Diagnostics.CodeAnalysis;

namespace CrisisCenter.Domain;

/// <summary>The outcome of <see cref="Incident.Decide"/>: either the events to append, or why the command was rejected.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<IncidentEvent> events, DomainError? error)
    {
        Events = events;
        Error = error;
    }

    /// <summary>Empty when rejected; otherwise at least one event.</summary>
    public IReadOnlyList<IncidentEvent> Events { get; }

    public DomainError? Error { get; }

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsRejected => Error is not null;

    public static Decision Accept(params IReadOnlyList<IncidentEvent> events) =>
        events.Count == 0
            ? throw new ArgumentException("An accepted decision records at least one event.", nameof(events))
            : new Decision(events.ToArray(), null);

    public static Decision Reject(DomainError error) => new([], error);

    public static implicit operator Decision(DomainError error) => Reject(error);

    public override string ToString() =>
        IsRejected ? $"Rejected {Error.Code}: {Error.Message}" : $"Accepted {string.Join(", ", Events.Select(e => e.GetType().Name))}";
}
