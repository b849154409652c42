using System.Diagnostics;
using CrisisCenter.LoadTest.Measuring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.LoadTest.Baselines;

/// <summary>A hub that does nothing: clients connect, the server broadcasts.</summary>
public sealed class BareHub : Hub;

/// <summary>
/// The raw limit of SignalR fan-out on this machine: a minimal Kestrel app with one empty hub on loopback, the
/// same number of WebSocket clients as the system run, and the server broadcasting one pre-serialised
/// timeline-entry-sized payload after another to all of them for the given time (each send awaited, so
/// Kestrel's back-pressure paces it). Reports deliveries/s and send → receipt latency.
/// </summary>
public static class BareHubBaseline
{
    // A real timeline entry's JSON as the hub sends it (about 600 bytes), serialised once.
    private const string Payload =
        """{"position":123456,"eventId":"3f1c8a2e-5b7d-4e9f-a1c3-2d4e6f8a0b1c","incidentId":"5a0c3a52-8b1e-4bd0-9d7f-1f0d2c9a7e11","revision":42,"type":"situation_update.logged.v1","kind":"situation-update","at":"2026-11-25T21:00:00+00:00","actorId":"press.mes","actorName":"Press officer MES","agencyCode":"MES","language":"ru","summary":"Verified situation update: \"Water level reading\"","statementId":null,"rumorId":null,"updateId":"0f6b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d","postId":null,"details":{"text":"Water level reading","source":"Kazhydromet","regionCode":"KZ-75","verified":"true"}}""";

    public sealed record Result(double DeliveriesPerSecond, long Sent, long Delivered, LatencySummary Latency);

    public static async Task<Result> RunAsync(int clients, TimeSpan duration, Action<string>? status, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BareHub>("/bare");
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var sentAt = new long[4_000_000];
        var latency = new LatencyRecorder();
        long delivered = 0;
        var connections = new HubConnection[clients];
        var opened = 0;
        await Parallel.ForAsync(0, clients, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(address, "bare"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<long, string>("entry", (sequence, _) =>
            {
                var now = Probe.Now;
                Interlocked.Increment(ref delivered);
                if ((ulong)sequence < (ulong)sentAt.Length) latency.Record(Volatile.Read(ref sentAt[sequence]), now);
            });
            await connection.StartAsync(ct);
            connections[i] = connection;
            status?.Invoke($"bare hub: {Interlocked.Increment(ref opened)}/{clients} connected");
        });

        var hub = app.Services.GetRequiredService<IHubContext<BareHub>>();
        long sent = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && sent < sentAt.Length && !cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref sentAt[sent], Probe.Now);
            await hub.Clients.All.SendAsync("entry", sent, Payload, cancellationToken);
            sent++;
            if (sent % 100 == 0) status?.Invoke($"bare hub: {sent} broadcasts, {Interlocked.Read(ref delivered)} deliveries");
        }

        // Let what is in flight arrive (bounded), then count over the whole time.
        var expected = sent * clients;
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref delivered) < expected && drain.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var result = new Result(Interlocked.Read(ref delivered) / elapsed, sent, Interlocked.Read(ref delivered), latency.Summarize());
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) => await c.DisposeAsync());
        await app.StopAsync(CancellationToken.None);
        return result;
    }
}
