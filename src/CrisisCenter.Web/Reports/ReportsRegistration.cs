using CrisisCenter.Application.History;

namespace CrisisCenter.Web.Reports;

public static class ReportsRegistration
{
    /// <summary>What the point-in-time, report and KPI endpoints need besides the projections.</summary>
    public static IServiceCollection AddCrisisCenterReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IncidentHistory>();
        return services;
    }
}
