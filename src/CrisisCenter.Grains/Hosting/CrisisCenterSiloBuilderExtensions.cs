using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.DependencyInjection;
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
    /// </summary>
    public static ISiloBuilder AddCrisisCenterGrains(this ISiloBuilder silo, Action<IncidentGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSerializer(serializer => serializer.AddCrisisCenterSerialization());

        var incidentOptions = silo.Services.AddOptions<IncidentGrainOptions>();
        if (configure is not null)
            incidentOptions.Configure(configure);
        incidentOptions
            .PostConfigure<IServiceProvider>((options, services) =>
                options.Policy ??= services.GetService<IncidentPolicy>() ?? IncidentPolicy.Default)
            .Validate(options => options.CollectionAge is null || options.CollectionAge > TimeSpan.Zero,
                "IncidentGrainOptions.CollectionAge must be positive (and above GrainCollectionOptions.CollectionQuantum), or unset for Orleans' default.")
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
