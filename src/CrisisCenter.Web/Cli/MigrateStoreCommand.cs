using System.Diagnostics;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Cli.Migration;

namespace CrisisCenter.Web.Cli;

/// <summary>
///   crisiscenter migrate-store --from sqlite:PATH --to esdb://HOST:2113?tls=... | sqlite:OTHERPATH
/// Copies every stream (see <see cref="StoreMigration"/>), then verifies the copy. Run it again after an
/// interruption (Ctrl+C, a lost connection): it continues where the target stands. Exit codes: 0 copied and
/// verified, 1 the source is broken or the target is not an exact copy, 2 wrong arguments or an unreachable store,
/// 130 interrupted.
/// </summary>
public static class MigrateStoreCommand
{
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(string[] args, string workingDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? from = null, to = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Length: from = args[++i]; break;
                case "--to" when i + 1 < args.Length: to = args[++i]; break;
                default:
                    error.WriteLine($"Unknown or incomplete option {args[i]}.");
                    return Usage(error);
            }
        }
        if (from is null || to is null) return Usage(error);

        StoreAddress source, target;
        try
        {
            source = StoreAddress.Parse(from, workingDirectory);
            target = StoreAddress.Parse(to, workingDirectory);
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        if (source.IsSameStoreAs(target))
        {
            error.WriteLine($"--from and --to name the same store ({source}).");
            return 2;
        }

        output.WriteLine($"Migrating {source} -> {target}");
        try
        {
            await using var sourceStore = source.Open(mustExist: true, TimeProvider.System);
            await using var targetStore = target.Open(mustExist: false, TimeProvider.System);
            var migration = new StoreMigration(sourceStore.Store, targetStore.Store, output);
            var report = await migration.RunAsync(ProgressPrinter(output), cancellationToken);
            return Summarise(report, output);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("Interrupted. Everything appended so far stays; run the same command again to continue.");
            return Interrupted;
        }
        catch (Exception e) when (e is StoreMigrationException or IdempotencyConflictException or WrongExpectedRevisionException)
        {
            error.WriteLine("Stopped: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is EventStoreUnavailableException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("Cannot use the store: " + e.Message);
            return 2;
        }
    }

    private static int Summarise(MigrationReport report, TextWriter output)
    {
        if (report.BrokenSourceStreams.Count > 0)
        {
            foreach (var broken in report.BrokenSourceStreams)
                output.WriteLine($"BROKEN source {broken.Stream}: revision {broken.FirstBrokenRevision} (event {broken.FirstBrokenEventId}): {broken.Problem}");
            output.WriteLine($"Nothing copied: {report.BrokenSourceStreams.Count} of {report.Streams} source streams fail their hash chain, and the target would " +
                "compute fresh chains over the altered events. Investigate the source (crisiscenter verify-store) first.");
            return 1;
        }
        foreach (var problem in report.TargetProblems)
            output.WriteLine("MISMATCH " + problem);
        output.WriteLine(report.Succeeded
            ? $"Verified: {report.Streams} streams, {report.Events} events; every event's id, type, data and metadata equal the source's, every target hash chain intact."
            : $"Verification failed: {report.TargetProblems.Count} of {report.Streams} streams differ from the source.");
        return report.Succeeded ? 0 : 1;
    }

    // One line per ten seconds at most: enough to see it move on a large store.
    private static Action<CopyProgress> ProgressPrinter(TextWriter output)
    {
        var sinceLastLine = Stopwatch.StartNew();
        return progress =>
        {
            if (sinceLastLine.Elapsed < TimeSpan.FromSeconds(10)) return;
            sinceLastLine.Restart();
            output.WriteLine($"  copied {progress.EventsCopied + progress.EventsAlreadyInTarget} of {progress.EventsInSource} events...");
        };
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("""
            Usage:
              crisiscenter migrate-store --from sqlite:PATH --to esdb://[user:pass@]host:2113[,host:2113...]?tls=true
              crisiscenter migrate-store --from sqlite:PATH --to sqlite:OTHER_PATH
            """);
        return 2;
    }
}
