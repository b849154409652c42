using CrisisCenter.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CrisisCenter.Application.Projections;

public static class ProjectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the read models (<see cref="IncidentBoard"/>, <see cref="ApprovalQueue"/>, <see cref="IncidentKpis"/>,
    /// <see cref="IncidentTimeline"/>) and the <see cref="ProjectionHost"/> that feeds them, all singletons, the host also
    /// as a hosted service. Needs an <see cref="CrisisCenter.EventStore.IEventStore"/> and logging; uses the registered
    /// <see cref="IncidentPolicy"/> if any. Add <see cref="ITimelineListener"/>s to receive each new timeline entry.
    /// </summary>
    public static IServiceCollection AddCrisisCenterProjections(this IServiceCollection services, Action<ProjectionHostOptions>? configure = null)
    {
        var options = services.AddOptions<ProjectionHostOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(ProjectionHost)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IncidentBoard>();
        services.AddSingleton(provider => new ApprovalQueue(provider.GetService<IncidentPolicy>() ?? IncidentPolicy.Default));
        services.AddSingleton<IncidentKpis>();
        services.AddSingleton<IncidentTimeline>();
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<IncidentBoard>());
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<ApprovalQueue>());
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<IncidentKpis>());
        services.AddSingleton<ProjectionHost>();
        services.AddSingleton<Pipeline.IReadYourWrites, ProjectionReadYourWrites>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ProjectionHost>());
        return services;
    }
}
