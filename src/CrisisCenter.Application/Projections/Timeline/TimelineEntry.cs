namespace CrisisCenter.Application.Projections;

/// <summary>
/// One line of an incident's timeline, as the dashboard renders it and as SignalR pushes it: a small, self-explanatory
/// record of one stored event. <see cref="Position"/> is the event's global position (the resume point of a
/// reconnecting client); <see cref="Type"/> the stored type name (e.g. "statement.approved.v1"); <see cref="Kind"/> one
/// of <see cref="TimelineKinds"/>; <see cref="At"/> the time the fact happened (the command's time, not the
/// store's); <see cref="Summary"/> one plain-text English line; <see cref="Details"/> the event's values as text,
/// keyed in camelCase. The ids name what the event is about, when it is about a statement, rumour, update or post.
/// </summary>
public sealed record TimelineEntry(
    long Position,
    Guid EventId,
    Guid IncidentId,
    long Revision,
    string Type,
    string Kind,
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string? AgencyCode,
    string? Language,
    string Summary,
    Guid? StatementId,
    Guid? RumorId,
    Guid? UpdateId,
    Guid? PostId,
    IReadOnlyDictionary<string, string?> Details);
