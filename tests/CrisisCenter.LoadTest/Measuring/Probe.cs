using System.Diagnostics;

namespace CrisisCenter.LoadTest.Measuring;

/// <summary>
/// The stamp that ties a command to what dashboards receive: every command the harness sends carries
/// <c>load #&lt;sequence&gt;</c> in its text, and the send time of each sequence number is kept here, so a client that
/// receives the timeline entry can compute command → receipt latency without waiting for the HTTP answer.
/// </summary>
public sealed class Probe(int capacity)
{
    public const string Marker = "load #";

    private readonly long[] _sentAt = new long[capacity];
    private int _next = -1;

    public int Capacity => capacity;

    public int Issued => Math.Min(Volatile.Read(ref _next) + 1, capacity);

    /// <summary>Takes the next sequence number, or -1 when the run used up its capacity.</summary>
    public int Next()
    {
        var sequence = Interlocked.Increment(ref _next);
        return sequence < capacity ? sequence : -1;
    }

    /// <summary>Sets when the command was due (open loop) or sent (closed loop): latencies count from here.</summary>
    public void Stamp(int sequence, long ticks) => Volatile.Write(ref _sentAt[sequence], ticks);

    public long SentAt(int sequence) => (uint)sequence < (uint)capacity ? Volatile.Read(ref _sentAt[sequence]) : 0;

    public static string Text(int sequence) => $"Water level reading {Marker}{sequence}";

    /// <summary>The sequence number in a received summary or text, or -1.</summary>
    public static int Parse(string? text)
    {
        if (text is null) return -1;
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return -1;
        var value = 0;
        var digits = 0;
        for (var i = at + Marker.Length; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
        {
            value = checked(value * 10 + (text[i] - '0'));
        }

        return digits == 0 ? -1 : value;
    }

    public static long Now => Stopwatch.GetTimestamp();
}
