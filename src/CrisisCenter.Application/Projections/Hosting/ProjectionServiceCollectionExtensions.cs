using CrisisCenter.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Projections;

public static class ProjectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the read models (<see cref="IncidentBoard"/>, <see cref="ApprovalQueue"/>, <see cref="IncidentKpis"/>,
    /// <see cref="IncidentTimeline"/>) and the <see cref="ProjectionHost"/> that feeds them, all singletons, the host also
    /// as a hosted service. Needs an <see cref="CrisisCenter.EventStore.IEventStore"/> and logging; uses the registered
    /// <see cref="IncidentPolicy"/> if any. Add <see cref="ITimelineListener"/>s to receive each new timeline entry.
    /// With <see cref="ReadStoreOptions.Path"/> set (<paramref name="configureReadStore"/>), the read models are
    /// stored in that <see cref="ReadStore"/> and checkpointed; without, they live in memory and are rebuilt at every start.
    /// <see cref="IncidentKpiReports"/> measures KPIs on demand from the incident's stream in either case.
    /// </summary>
    public static IServiceCollection AddCrisisCenterProjections(
        this IServiceCollection services, Action<ProjectionHostOptions>? configure = null, Action<ReadStoreOptions>? configureReadStore = null)
    {
        var options = services.AddOptions<ProjectionHostOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var readStoreOptions = services.AddOptions<ReadStoreOptions>();
        if (configureReadStore is not null)
        {
            readStoreOptions.Configure(configureReadStore);
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(ProjectionHost)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new IncidentBoard(provider.GetRequiredService<ReadStoreHandle>().Store));
        services.AddSingleton(provider => new ApprovalQueue(provider.GetService<IncidentPolicy>() ?? IncidentPolicy.Default));
        services.AddSingleton<IncidentKpis>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ReadStoreOptions>>().Value.Path is { Length: > 0 } path
            ? new ReadStoreHandle(ReadStore.Open(path, provider.GetRequiredService<ILoggerFactory>().CreateLogger<ReadStore>()))
            : new ReadStoreHandle(null));
        services.AddSingleton(provider => provider.GetRequiredService<ReadStoreHandle>().Store
            ?? throw new InvalidOperationException("No read store is configured (ReadStore:Path): the read models are in memory."));
        services.AddSingleton(provider => provider.GetRequiredService<ReadStoreHandle>().Store is { } store ? new IncidentTimeline(store) : new IncidentTimeline());
        services.AddSingleton<IncidentKpiReports>();
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<IncidentBoard>());
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<ApprovalQueue>());
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<IncidentKpis>());
        services.AddSingleton(provider => new ProjectionHost(
            provider.GetRequiredService<EventStore.IEventStore>(),
            provider.GetRequiredService<IncidentTimeline>(),
            provider.GetServices<IProjection>(),
            provider.GetServices<ITimelineListener>(),
            provider.GetRequiredService<ILogger<ProjectionHost>>(),
            provider.GetRequiredService<IOptions<ProjectionHostOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ReadStoreHandle>().Store,
            provider.GetRequiredService<IOptions<ReadStoreOptions>>()));
        services.AddSingleton<Pipeline.IReadYourWrites, ProjectionReadYourWrites>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ProjectionHost>());
        return services;
    }
}

/// <summary>The read store when one is configured: lets registrations ask "is there one?" without a null service.</summary>
internal sealed class ReadStoreHandle(ReadStore? store) : IDisposable
{
    public ReadStore? Store { get; } = store;

    public void Dispose() => Store?.Dispose();
}
