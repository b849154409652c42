using CrisisCenter.EventStore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrisisCenter.Web.Hosting;

/// <summary>Ready only while the event store answers a cheap read.</summary>
public sealed class EventStoreHealthCheck(IEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var position = await store.GetLastPositionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Last position {position}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The event store does not answer: " + ex.Message, ex);
        }
    }
}
