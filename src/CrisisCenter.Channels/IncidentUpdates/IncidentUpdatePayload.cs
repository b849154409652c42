using System.Text.Json;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// The JSON of an <c>incident.updated</c> webhook event: what changed (<see cref="Change"/>) and the incident as it stood
/// right after that change. Built from the store's events only, so a re-send carries the same bytes.
/// </summary>
public sealed record IncidentUpdatePayload(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string Change,
    Guid EventId,
    IncidentUpdatePayload.IncidentPart Incident)
{
    public const string EventType = "incident.updated";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record IncidentPart(
        Guid Id, string Code, string Title, string Category, string Severity, string Status, IReadOnlyList<string> Regions,
        string LeadAgency, IReadOnlyList<string> ParticipatingAgencies, bool IsPublicWarning, long Revision);

    /// <summary>The change an event makes that partners hear about, or null for the events they do not (statements,
    /// posts, rumours, situation updates: those reach partners as statements, if at all).</summary>
    public static string? ChangeOf(IncidentEvent e) => e switch
    {
        IncidentDeclared => "declared",
        IncidentDetailsAmended => "details_amended",
        IncidentSeverityChanged => "severity_changed",
        AgencyJoinedIncident => "agency_joined",
        AgencyLeftIncident => "agency_left",
        IncidentStabilized => "stabilized",
        IncidentClosed => "closed",
        IncidentReopened => "reopened",
        _ => null,
    };

    /// <summary>"incident:{incidentId}:{eventId}:{channel}": one key per change and partner.</summary>
    public static string IdempotencyKey(Guid incidentId, Guid eventId, string channel) => $"incident:{incidentId:D}:{eventId:D}:{channel}";

    public static IncidentUpdatePayload For(IncidentState after, IncidentEvent e, string change, Guid eventId, long revision, string channel) => new(
        IdempotencyKey(after.Id, eventId, channel), EventType, e.At, change, eventId,
        new IncidentPart(after.Id, after.Code, after.Title, after.Category.ToString(), after.Severity.ToString(), after.Status.ToString(),
            [.. after.Regions], after.LeadAgency, [.. after.ParticipatingAgencies], after.IsPublicWarning, revision));

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
