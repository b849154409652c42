using System.Globalization;

namespace CrisisCenter.LoadTest.Measuring;

/// <summary>Resident memory of a process from /proc/&lt;pid&gt;/status (Linux): VmRSS now and VmHWM, the peak.</summary>
public static class ProcessMemory
{
    public static (double RssMb, double PeakMb)? Read(int pid)
    {
        var path = $"/proc/{pid}/status";
        try
        {
            double? rss = null, peak = null;
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024.0;
            }

            return rss is { } r && peak is { } p ? (Math.Round(r, 1), Math.Round(p, 1)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
