using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Support;

public static class StoredEvents
{
    /// <summary>The incident's events as the node's store orders them: (position, event id).</summary>
    public static async Task<IReadOnlyList<(long Position, Guid EventId)>> StoredEventsAsync(this CrisisCenterApp app, Guid incidentId)
    {
        var store = app.Store;
        var events = new List<(long, Guid)>();
        await foreach (var recorded in store.ReadStreamAsync(IncidentStreams.For(incidentId)))
        {
            events.Add((recorded.Position, recorded.EventId));
        }

        return events;
    }
}
