using System.Diagnostics;
using CrisisCenter.LoadTest.Measuring;

namespace CrisisCenter.LoadTest.Target;

/// <summary>Sends stamped situation updates: an open-loop schedule (a fixed rate, whatever the answers do) or a
/// closed loop (a fixed number of commands in flight, as fast as they are answered).</summary>
public sealed class CommandLoad(CrisisCenterClient api, Probe probe)
{
    /// <summary>Command i is due at start + i / rate; latencies count from when it was due, so a slow system cannot
    /// hide its queueing by slowing the harness down (no coordinated omission). Commands that would exceed
    /// <paramref name="maxInFlight"/> are not sent and count as errors.</summary>
    public async Task OpenLoopAsync(PhaseStats phase, IReadOnlyList<Guid> incidents, double rate, TimeSpan duration, int maxInFlight, CancellationToken cancellationToken)
    {
        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        var inFlight = 0;
        var pending = new List<Task>();
        var start = Probe.Now;
        phase.StartedAt = start;
        for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * interval);
            var wait = due - Probe.Now;
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency), cancellationToken);
            }

            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                phase.Fail("not sent: too many in flight");
                continue;
            }

            var sequence = probe.Next();
            if (sequence < 0)
            {
                phase.Fail("not sent: probe capacity exhausted");
                continue;
            }

            probe.Stamp(sequence, due);
            Interlocked.Increment(ref inFlight);
            pending.Add(SendAsync(phase, incidents[(int)(i % incidents.Count)], sequence, due, () => Interlocked.Decrement(ref inFlight)));
        }

        await Task.WhenAll(pending);
        phase.EndedAt = Probe.Now;
    }

    /// <summary><paramref name="concurrency"/> workers, each sending its next command as soon as the last is answered.</summary>
    public async Task ClosedLoopAsync(PhaseStats phase, IReadOnlyList<Guid> incidents, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = Probe.Now;
        phase.StartedAt = start;
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var next = -1L;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Probe.Now < end && !cancellationToken.IsCancellationRequested)
            {
                var sequence = probe.Next();
                if (sequence < 0)
                {
                    phase.Fail("not sent: probe capacity exhausted");
                    return;
                }

                var sent = Probe.Now;
                probe.Stamp(sequence, sent);
                var incident = incidents[(int)(Interlocked.Increment(ref next) % incidents.Count)];
                await SendAsync(phase, incident, sequence, sent, static () => { });
            }
        }));
        phase.EndedAt = Probe.Now;
    }

    private async Task SendAsync(PhaseStats phase, Guid incident, int sequence, long due, Action done)
    {
        try
        {
            await api.LogUpdateAsync(incident, Probe.Text(sequence), CancellationToken.None);
            phase.Succeed(due, Probe.Now);
        }
        catch (CommandFailedException failed)
        {
            phase.Fail($"HTTP {failed.Status}");
        }
        catch (HttpRequestException failed)
        {
            phase.Fail($"transport: {failed.HttpRequestError}");
        }
        catch (TaskCanceledException)
        {
            phase.Fail("timeout");
        }
        finally
        {
            done();
        }
    }
}
