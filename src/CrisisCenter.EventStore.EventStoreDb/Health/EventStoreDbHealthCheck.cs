using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>Readiness of the event store for /health/ready: a cheap read must succeed within the deadline.
/// Register it with <c>AddHealthChecks().AddCheck&lt;EventStoreDbHealthCheck&gt;("eventstore", tags: ["ready"])</c>.</summary>
public sealed class EventStoreDbHealthCheck(EventStoreDbEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"EventStoreDB answers at {string.Join(", ", store.Settings.Endpoints)}.");
        }
        catch (EventStoreException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
