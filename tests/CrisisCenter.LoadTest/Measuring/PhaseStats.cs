namespace CrisisCenter.LoadTest.Measuring;

/// <summary>What one measured phase saw: command latencies, receipt latencies and counts.</summary>
public sealed class PhaseStats(string name, int firstSequence)
{
    private long _succeeded;
    private long _failed;
    private long _deliveries;
    private long _duplicates;
    private long _firstReceipt;
    private long _lastReceipt;
    private readonly Lock _errorsGate = new();
    private readonly Dictionary<string, int> _errors = [];

    public string Name { get; } = name;
    public int FirstSequence { get; } = firstSequence;
    public LatencyRecorder CommandLatency { get; } = new();
    public LatencyRecorder ReceiptLatency { get; } = new();
    public long StartedAt { get; set; }
    public long EndedAt { get; set; }

    public long Succeeded => Interlocked.Read(ref _succeeded);
    public long Failed => Interlocked.Read(ref _failed);
    public long Deliveries => Interlocked.Read(ref _deliveries);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long FirstReceipt => Interlocked.Read(ref _firstReceipt);
    public long LastReceipt => Interlocked.Read(ref _lastReceipt);

    public IReadOnlyDictionary<string, int> Errors
    {
        get
        {
            lock (_errorsGate)
            {
                return new Dictionary<string, int>(_errors);
            }
        }
    }

    public void Succeed(long dueTicks, long doneTicks)
    {
        Interlocked.Increment(ref _succeeded);
        CommandLatency.Record(dueTicks, doneTicks);
    }

    public void Fail(string reason)
    {
        Interlocked.Increment(ref _failed);
        lock (_errorsGate)
        {
            _errors[reason] = _errors.GetValueOrDefault(reason) + 1;
        }
    }

    public void Received(long sentTicks, long receivedTicks, bool duplicate)
    {
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Interlocked.Increment(ref _deliveries);
        ReceiptLatency.Record(sentTicks, receivedTicks);
        Interlocked.CompareExchange(ref _firstReceipt, receivedTicks, 0);
        long last;
        do
        {
            last = Interlocked.Read(ref _lastReceipt);
        }
        while (receivedTicks > last && Interlocked.CompareExchange(ref _lastReceipt, receivedTicks, last) != last);
    }
}

/// <summary>Routes a received sequence number to the phase that sent it (phases take consecutive ranges).</summary>
public sealed class PhaseBook
{
    private volatile PhaseStats[] _phases = [];

    public PhaseStats Begin(string name, Probe probe)
    {
        var phase = new PhaseStats(name, probe.Issued);
        _phases = [.. _phases, phase];
        return phase;
    }

    public PhaseStats? Of(int sequence)
    {
        var phases = _phases;
        for (var i = phases.Length - 1; i >= 0; i--)
        {
            if (sequence >= phases[i].FirstSequence) return phases[i];
        }

        return null;
    }
}
