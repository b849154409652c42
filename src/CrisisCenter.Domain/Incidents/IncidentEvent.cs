namespace CrisisCenter.Domain;

/// <summary>
/// A fact recorded in the incident's stream. <paramref name="By"/> is the acting user's id,
/// <paramref name="At"/> the command's time. Each concrete event carries an <see cref="EventTypeAttribute"/>.
/// </summary>
public abstract record IncidentEvent(Guid IncidentId, string By, DateTimeOffset At);
