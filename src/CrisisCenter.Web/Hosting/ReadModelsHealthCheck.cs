using System.Globalization;
using CrisisCenter.Application.Projections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrisisCenter.Web.Hosting;

/// <summary>Ready once the read models have caught up with what the store held at start (a rebuilt read store takes a
/// while); until then the description says how far they are.</summary>
public sealed class ReadModelsHealthCheck(ProjectionHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.IsCaughtUp
            ? HealthCheckResult.Healthy($"Read models caught up (position {host.Position}).")
            : HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"Read models catching up: {host.CatchUpProgress * 100:0.0}% (position {host.Position}).")));
}
