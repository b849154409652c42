using System.Diagnostics;

namespace CrisisCenter.LoadTest.Measuring;

/// <summary>
/// CPU time a process has used (user + system, all its threads). A phase's share of it, divided by the commands or
/// deliveries of the phase, is the CPU each one costs: unlike a rate, that figure hardly moves when other processes
/// take the machine's cores, so runs made on a busy machine can still be compared.
/// </summary>
public static class ProcessCpu
{
    public static TimeSpan? Read(int? pid)
    {
        if (pid is not { } id) return null;
        try
        {
            using var process = Process.GetProcessById(id);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null; // not running (any more)
        }
    }

    /// <summary>CPU used since <paramref name="start"/>, in seconds; null when either reading is missing.</summary>
    public static double? Since(int? pid, TimeSpan? start) => start is { } s && Read(pid) is { } now ? (now - s).TotalSeconds : null;
}
