using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Audit;

/// <summary>
/// Who is acting in the current request (actor, name, agency, roles, session), for facts appended outside the
/// incident grains (the user directory, the template library, any <c>StreamFold</c> stream): the web host sets it once
/// per authenticated request, so every such append carries the same audit metadata as an incident command without
/// each service taking the request's identity as a parameter. Outside a request (CLI, seed, sign-in lockouts) it is
/// null and the append names only the actor id it was given.
/// </summary>
public static class ActingUser
{
    private static readonly AsyncLocal<EventMetadata?> Ambient = new();

    public static EventMetadata? Current => Ambient.Value;

    /// <summary>Sets who acts until the returned scope is disposed (or the async flow ends).</summary>
    public static IDisposable Begin(EventMetadata actor)
    {
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Scope(previous);
    }

    /// <summary>The metadata for one append by <paramref name="actorId"/>: the acting user's full identity when it is
    /// the same person, else just the id; always a fresh command id.</summary>
    public static EventMetadata For(string actorId) =>
        (Current is { } acting && string.Equals(acting.ActorId, actorId, StringComparison.Ordinal) ? acting : new EventMetadata { ActorId = actorId })
        with { CommandId = Guid.NewGuid() };

    private sealed class Scope(EventMetadata? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
