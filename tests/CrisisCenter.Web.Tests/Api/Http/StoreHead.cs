using System.Net;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Http;

/// <summary>Where the store stands: its last global position and the revision of one incident's stream (null when
/// the stream does not exist). Equal heads before and after a request mean it appended nothing.</summary>
public sealed record StoreHead(long LastPosition, long? IncidentRevision);

public static class StoreHeads
{
    public static async Task<StoreHead> HeadAsync(this CrisisCenterApp app, Guid? incidentId = null) =>
        new(await app.Store.GetLastPositionAsync(),
            incidentId is { } id ? await app.Store.GetStreamRevisionAsync(IncidentStreams.For(id)) : null);

    /// <summary>
    /// Sends a request that must be refused: checks that it answers a ProblemDetails document of <paramref name="status"/>
    /// and that nothing was appended to the store (not to the incident's stream, not anywhere else).
    /// </summary>
    public static async Task<ProblemAnswer> ShouldRejectAsync(this CrisisCenterApp app, HttpStatusCode status, Guid? incidentId, Func<Task<HttpResponseMessage>> request)
    {
        var before = await app.HeadAsync(incidentId);
        using var response = await request();
        var problem = await response.ShouldBeProblemAsync(status);
        (await app.HeadAsync(incidentId)).Should().Be(before, "a rejected request appends nothing ({0})", problem.Detail ?? problem.Title);
        return problem;
    }
}
