using CrisisCenter.EventStore;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Sqlite;

namespace CrisisCenter.Web.Hosting;

public static class EventStoreRegistration
{
    /// <summary>Registers the configured event store backend: SQLite (embedded default) or EventStoreDB.</summary>
    public static IServiceCollection AddConfiguredEventStore(this IServiceCollection services, EventStoreOptions options, string dataDirectory)
    {
        switch (options.Backend)
        {
            case EventStoreBackend.Sqlite:
                var path = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? Path.Combine(dataDirectory, "crisiscenter.db")
                    : options.ConnectionString;
                var sqlite = SqliteEventStoreOptions.ForFile(path);
                var problems = sqlite.Validate();
                if (problems.Count > 0) throw new InvalidOperationException("EventStore: " + string.Join(" ", problems));
                services.AddSingleton<IEventStore>(sp => new SqliteEventStore(sqlite, sp.GetRequiredService<TimeProvider>()));
                break;
            case EventStoreBackend.EventStoreDb:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                    throw new InvalidOperationException("EventStore:ConnectionString is required with EventStore:Backend=EventStoreDb, e.g. esdb://127.0.0.1:2113?tls=false.");
                // A malformed connection string fails here, at start, with the parser's message.
                services.AddEventStoreDb(options.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"EventStore:Backend '{options.Backend}' is unknown: use Sqlite or EventStoreDb.");
        }
        services.AddSingleton<StreamVerifier>();
        return services;
    }
}
