using System.Runtime.InteropServices;

namespace CrisisCenter.LoadTest.Measuring;

/// <summary>What the numbers were measured on: they only mean something next to the machine and its load.</summary>
public sealed record Machine(string Host, string Os, string Cpu, int Cores, string Runtime, string LoadAverage, DateTimeOffset At)
{
    public static Machine Describe() => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow(),
        DateTimeOffset.UtcNow);

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg ("n/a" elsewhere).</summary>
    public static string LoadAverageNow()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
