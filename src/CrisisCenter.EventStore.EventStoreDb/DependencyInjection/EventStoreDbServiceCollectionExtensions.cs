using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.EventStore.EventStoreDb;

public static class EventStoreDbServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStore"/> as one shared <see cref="EventStoreDbEventStore"/> (its gRPC channels are
    /// meant to live as long as the process) and <see cref="EventStoreDbHealthCheck"/>. The connection string is parsed
    /// here, so a malformed one (or an unreadable tlsCaFile) stops the host at start with a message saying what is wrong.
    /// </summary>
    public static IServiceCollection AddEventStoreDb(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = EventStoreDbConnectionString.Parse(connectionString);
        _ = ServerCertificateTrust.CallbackFor(settings); // an unreadable tlsCaFile stops the start too, naming the file
        services.TryAddSingleton(settings);
        services.TryAddSingleton(sp => new EventStoreDbEventStore(
            sp.GetRequiredService<EventStoreDbConnectionString>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<EventStoreDbEventStore>()));
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<EventStoreDbEventStore>());
        services.TryAddSingleton<EventStoreDbHealthCheck>();
        return services;
    }
}
