using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace CrisisCenter.Web.Hosting;

/// <summary>Ready once the co-hosted silo has joined its cluster and answers a management call.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).") : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The silo does not answer: " + ex.Message, ex);
        }
    }
}
