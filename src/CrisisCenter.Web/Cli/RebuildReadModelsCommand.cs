using System.Diagnostics;
using System.Globalization;
using CrisisCenter.Application.Projections;

namespace CrisisCenter.Web.Cli;

/// <summary>
/// <c>crisiscenter rebuild-read-models</c>: deletes this node's read store and builds it again from the event store,
/// reporting progress and the rate. Run it with the node stopped (a running node holds the file and the command says so);
/// a node also rebuilds by itself when the file is missing, damaged or of an older schema.
/// </summary>
internal static class RebuildReadModelsCommand
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    /// <param name="provider">Services with the configured event store and the projections on <paramref name="path"/>,
    /// none of them resolved yet (the read store must be deleted before it is opened).</param>
    public static async Task<int> RunAsync(IServiceProvider provider, string path, TextWriter output, CancellationToken cancellationToken)
    {
        if (!ReadStore.Delete(path))
        {
            output.WriteLine($"The read store {path} is in use: stop the node that runs on it first.");
            return 1;
        }

        output.WriteLine($"Deleted {path}; rebuilding it from the event store.");
        var host = provider.GetRequiredService<ProjectionHost>();
        var clock = Stopwatch.StartNew();
        await host.StartAsync(cancellationToken);
        try
        {
            var caughtUp = host.WaitUntilCaughtUpAsync(cancellationToken);
            while (await Task.WhenAny(caughtUp, Task.Delay(ProgressInterval, cancellationToken)) != caughtUp)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {host.CatchUpProgress * 100:0.0}% (position {host.Position})"));
            }

            await caughtUp;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Read store rebuilt up to position {host.Position}: {host.EventsApplied} incident events in {seconds:0.0} s ({host.EventsApplied / seconds:0} events/s)."));
        return 0;
    }
}
