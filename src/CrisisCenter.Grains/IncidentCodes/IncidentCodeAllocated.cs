using System.Globalization;
using System.Text.Json;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Grains.IncidentCodes;

/// <summary>The fact that <paramref name="IncidentId"/> got number <paramref name="Number"/> of its year.</summary>
public sealed record IncidentCodeAllocated(Guid IncidentId, int Number)
{
    public const string TypeName = "incident_code.allocated.v1";

    // Fixed namespace for the ids of allocation events; never change it.
    private static readonly Guid EventIdNamespace = new("5c2e8a61-7f3d-4b90-a1e6-93d04b7c2f15");

    /// <summary>Name-based on the year and the incident, so a retried allocation is recognised by the store.</summary>
    public EventData ToEventData(int year) => new(
        DeterministicGuid.Create(EventIdNamespace, string.Create(CultureInfo.InvariantCulture, $"{year}/{IncidentId:N}")),
        TypeName,
        JsonSerializer.SerializeToUtf8Bytes(this, DomainJson.Options),
        new EventMetadata { ActorId = Actor.System.UserId, ActorName = Actor.System.Name, AgencyCode = Actor.System.AgencyCode });

    /// <summary>The allocation a record holds, or null for any other type.</summary>
    public static IncidentCodeAllocated? From(RecordedEvent recorded) =>
        recorded.Type == TypeName ? JsonSerializer.Deserialize<IncidentCodeAllocated>(recorded.Data.Span, DomainJson.Options) : null;
}
