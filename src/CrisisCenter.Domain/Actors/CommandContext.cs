namespace CrisisCenter.Domain;

/// <summary>
/// Carried by every command: its client-supplied id (idempotency), who issues it and when.
/// <paramref name="At"/> is the only clock the domain ever reads.
/// </summary>
public sealed record CommandContext(Guid CommandId, Actor Actor, DateTimeOffset At);
