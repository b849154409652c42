using CrisisCenter.Application.Projections;
using CrisisCenter.Web.LiveTimeline;

namespace CrisisCenter.Web.Tests.LiveTimeline.Broadcasting;

/// <summary>A client that reads everything at once and remembers it.</summary>
internal sealed class RecordingClient : ILiveClient
{
    private readonly Lock _gate = new();
    private readonly List<object> _received = [];

    public int Aborts;

    public IReadOnlyList<TimelineEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _received.OfType<TimelineEntry>()];
            }
        }
    }

    public IReadOnlyList<IncidentSummary> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _received.OfType<IncidentSummary>()];
            }
        }
    }

    public Task SendAsync(string method, object payload, CancellationToken cancellationToken)
    {
        (method == TimelineHubContract.TimelineMethod ? payload is TimelineEntry : payload is IncidentSummary).Should().BeTrue("{0} carries its own DTO", method);
        lock (_gate)
        {
            _received.Add(payload);
        }

        return Task.CompletedTask;
    }

    public void Abort() => Interlocked.Increment(ref Aborts);

    public async Task WaitUntilAsync(Func<RecordingClient, bool> done, string because)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!done(this))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("Waited 15 s for " + because);
            }

            await Task.Delay(10);
        }
    }
}

/// <summary>A client that never reads: every send waits forever, as a write to a full socket would.</summary>
internal sealed class StuckClient : ILiveClient
{
    public int SendsStarted;
    public int Aborts;

    public Task SendAsync(string method, object payload, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref SendsStarted);
        return Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public void Abort() => Interlocked.Increment(ref Aborts);
}
