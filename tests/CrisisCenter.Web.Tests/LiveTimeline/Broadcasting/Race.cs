namespace CrisisCenter.Web.Tests.LiveTimeline.Broadcasting;

/// <summary>Runs a writer and a joiner on two dedicated threads at once (not the thread pool, which may run one after
/// the other), the joiner joining again and again until the writer is done.</summary>
internal static class Race
{
    /// <returns>How many joins happened while the writer was still writing.</returns>
    public static async Task<int> RunAsync(Action write, Action join, int minimumJoins = 5)
    {
        using var joinerStarted = new ManualResetEventSlim();
        var writing = true;
        var joinsDuringWrites = 0;
        var joiner = new Thread(() =>
        {
            joinerStarted.Set();
            for (var joins = 0; Volatile.Read(ref writing) || joins < minimumJoins; joins++)
            {
                var during = Volatile.Read(ref writing);
                join();
                if (during && Volatile.Read(ref writing))
                {
                    joinsDuringWrites++;
                }

                Thread.Sleep(joins % 3); // 0 (yield), 1 or 2 ms: joins land at many points of the writes
            }
        });
        var writer = new Thread(() =>
        {
            joinerStarted.Wait();
            write();
            Volatile.Write(ref writing, false);
        });
        joiner.Start();
        writer.Start();
        await Task.Run(() =>
        {
            writer.Join();
            joiner.Join();
        });
        return joinsDuringWrites;
    }
}
