using System.Collections.Concurrent;
using CrisisCenter.E2E.Hosting;

namespace CrisisCenter.Cluster.Tests.Support;

/// <summary>One attempt to deliver a command: when it started and ended (test clock), where it went, what came back.</summary>
public sealed record Attempt(TimeSpan Started, TimeSpan Ended, RunningApp Node, CommandAnswer Answer);

/// <summary>A command the load sent, with every attempt made for it under its one Idempotency-Key.</summary>
public sealed class SentCommand(int index, Guid incidentId, string idempotencyKey)
{
    private readonly List<Attempt> _attempts = [];

    public int Index { get; } = index;
    public Guid IncidentId { get; } = incidentId;
    public string IdempotencyKey { get; } = idempotencyKey;

    /// <summary>The situation update's text: it names the key, so the test finds the command's event in the store.</summary>
    public string Text => $"Field report {IdempotencyKey}: water level checked at the gauge.";

    public IReadOnlyList<Attempt> Attempts
    {
        get { lock (_attempts) return [.. _attempts]; }
    }

    /// <summary>The 2xx answer, once the command was acknowledged.</summary>
    public Attempt? Acknowledged => Attempts.FirstOrDefault(a => a.Answer.IsSuccess);

    /// <summary>A 4xx: the command was refused, which no command of this load should be.</summary>
    public Attempt? Refused => Attempts.FirstOrDefault(a => a.Answer.Status is { } s && (int)s is >= 400 and < 500);

    public bool WasRetried => Attempts.Count > 1;

    public void Record(Attempt attempt)
    {
        lock (_attempts) _attempts.Add(attempt);
    }
}

/// <summary>
/// Situation updates across many incidents from a few concurrent workers, round-robin over the nodes that are up.
/// An attempt that gets no answer or a 5xx is sent again with the SAME Idempotency-Key to a node that is up, until it
/// is acknowledged or the budget runs out; a 4xx ends the command (and fails the test later).
/// </summary>
public sealed class CommandLoad(ApiUser user, IReadOnlyList<Guid> incidents, TestBudget budget, TimeSpan reserve)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentQueue<SentCommand> _sent = new();
    private volatile IReadOnlyList<RunningApp> _targets = [];
    private int _next;

    public IReadOnlyCollection<SentCommand> Sent => [.. _sent];

    /// <summary>Where new attempts go from now on (round-robin).</summary>
    public void SendTo(IReadOnlyList<RunningApp> nodes) => _targets = nodes;

    public int AcknowledgedCount => _sent.Count(c => c.Acknowledged is not null);

    /// <summary>Runs <paramref name="workers"/> workers until <paramref name="stop"/> is cancelled, then lets every
    /// command in flight finish (acknowledged, refused, or out of budget).</summary>
    public Task RunAsync(int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stop))));

    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && budget.Left > reserve)
        {
            var index = Interlocked.Increment(ref _next) - 1;
            var command = new SentCommand(index, incidents[index % incidents.Count], $"load-{index:D6}");
            _sent.Enqueue(command);
            await DeliverAsync(command);
        }
    }

    private async Task DeliverAsync(SentCommand command)
    {
        var body = new { text = command.Text, language = "en", source = "Kazhydromet", regionCode = "KZ-75", verified = true };
        for (var attempt = 0; ; attempt++)
        {
            var targets = _targets;
            var node = targets[(command.Index + attempt) % targets.Count];
            var started = budget.Elapsed;
            var answer = await user.SendAsync(node, $"/api/incidents/{command.IncidentId:D}/updates", body, command.IdempotencyKey);
            command.Record(new Attempt(started, budget.Elapsed, node, answer));
            if (!answer.IsRetryable || budget.Left <= reserve) return;
            await Task.Delay(RetryPause);
        }
    }
}
