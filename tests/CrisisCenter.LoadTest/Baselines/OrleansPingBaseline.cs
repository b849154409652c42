using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.LoadTest.Baselines;

public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

/// <summary>The raw cost of a grain call: an in-process localhost silo (free ports), calls from the silo's own
/// grain factory to 64 grains with <c>concurrency</c> calls in flight.</summary>
public static class OrleansPingBaseline
{
    public static async Task<double> CallsPerSecondAsync(TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            for (var i = 0; i < 64; i++) await grains.GetGrain<IPingGrain>(i).Ping(i); // activate first
            long calls = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                var grain = grains.GetGrain<IPingGrain>(worker % 64);
                while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
                {
                    await grain.Ping(worker);
                    Interlocked.Increment(ref calls);
                }
            }));
            return calls / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
