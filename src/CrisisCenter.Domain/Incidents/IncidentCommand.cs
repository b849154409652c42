namespace CrisisCenter.Domain;

/// <summary>Something an actor asks of one incident. Decided by <see cref="Incident.Decide"/>.</summary>
public abstract record IncidentCommand(Guid IncidentId, CommandContext Context);
