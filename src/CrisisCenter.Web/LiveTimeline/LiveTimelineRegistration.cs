using CrisisCenter.Application.Projections;
using CrisisCenter.Web.Api;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace CrisisCenter.Web.LiveTimeline;

public static class LiveTimelineRegistration
{
    /// <summary>Client → server messages are join and leave calls of a few hundred bytes.</summary>
    public const long MaximumReceiveMessageSize = 4 * 1024;

    /// <summary>
    /// The live timeline: projections (if not added yet), the <see cref="TimelineBroadcaster"/> as their timeline
    /// listener, SignalR with the API's JSON conventions and tight limits, options from section "LiveTimeline".
    /// </summary>
    public static IServiceCollection AddLiveTimeline(this IServiceCollection services)
    {
        services.AddOptions<LiveTimelineOptions>().BindConfiguration(LiveTimelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddCrisisCenterProjections();
        services.AddSingleton<TimelineBroadcaster>();
        services.AddSingleton<LivePayloads>();
        services.AddSingleton<HubLifetimeManager<TimelineHub>, TimelineConnections>();
        services.AddSingleton<ITimelineListener>(provider => provider.GetRequiredService<TimelineBroadcaster>());
        services.AddHostedService<LiveSessionGuard>();
        services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = MaximumReceiveMessageSize;
                hub.MaximumParallelInvocationsPerClient = 1;
                hub.StreamBufferCapacity = 1; // the hub streams nothing from clients
                hub.EnableDetailedErrors = false; // HubException messages still reach the client; nothing else does
            })
            .AddJsonProtocol(json => ApiJson.Configure(json.PayloadSerializerOptions));
        return services;
    }

    /// <summary>Maps the hub at <see cref="TimelineHubContract.Route"/>; only signed-in users connect.</summary>
    public static IEndpointRouteBuilder MapLiveTimeline(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<TimelineHub>(TimelineHubContract.Route, connection =>
        {
            // Bytes read from a client before SignalR parses them; outgoing bytes buffered per connection before the
            // transport pushes back on the outbox (which then fills and disconnects a client that does not read).
            connection.ApplicationMaxBufferSize = MaximumReceiveMessageSize * 2;
            connection.TransportMaxBufferSize = 64 * 1024;
            connection.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        }).RequireAuthorization(Auth.AccessPolicies.SignedIn);
        return routes;
    }
}
