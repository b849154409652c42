using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace CrisisCenter.Grains.Hosting;

public static class CrisisCenterSiloBuilderExtensions
{
    /// <summary>
    /// Everything the silo needs to run CrisisCenter's grains: serialization of domain types and the incident
    /// options (policy, idle collection age). The host registers the <see cref="EventStore.IEventStore"/> itself,
    /// and usually an <see cref="IncidentPolicy"/> singleton, which incidents then decide with unless
    /// <paramref name="configure"/> sets <see cref="IncidentGrainOptions.Policy"/>.
    /// Options can also be bound by the host: <c>services.Configure&lt;IncidentGrainOptions&gt;(section)</c>.
    /// Snapshots go to the registered <see cref="ISnapshotStore"/>, else to the <see cref="IEventStore"/> when it is one
    /// (both built-in stores are), else nowhere (<see cref="NoSnapshotStore"/>).
    /// </summary>
    public static ISiloBuilder AddCrisisCenterGrains(this ISiloBuilder silo, Action<IncidentGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSerializer(serializer => serializer.AddCrisisCenterSerialization());
        silo.Services.TryAddSingleton<ISnapshotStore>(services =>
            services.GetRequiredService<IEventStore>() as ISnapshotStore ?? NoSnapshotStore.Instance);

        var incidentOptions = silo.Services.AddOptions<IncidentGrainOptions>();
        if (configure is not null)
            incidentOptions.Configure(configure);
        incidentOptions
            .PostConfigure<IServiceProvider>((options, services) =>
                options.Policy ??= services.GetService<IncidentPolicy>() ?? IncidentPolicy.Default)
            .Validate(options => options.CollectionAge is null || options.CollectionAge > TimeSpan.Zero,
                "IncidentGrainOptions.CollectionAge must be positive (and above GrainCollectionOptions.CollectionQuantum), or unset for Orleans' default.")
            .Validate(options => options.SnapshotInterval >= 0,
                "IncidentGrainOptions.SnapshotInterval must be 0 (no snapshots) or a positive number of events.")
            .Validate(options => options.SnapshotCommandWindow >= 0,
                "IncidentGrainOptions.SnapshotCommandWindow must be 0 or more commands.")
            .ValidateOnStart();

        // Orleans looks up per-class collection ages by the grain class' full name.
        silo.Services.AddOptions<GrainCollectionOptions>()
            .Configure<IOptions<IncidentGrainOptions>>((collection, incidents) =>
            {
                if (incidents.Value.CollectionAge is { } age)
                    collection.ClassSpecificCollectionAge[typeof(IncidentGrain).FullName!] = age;
            });
        return silo;
    }
}
