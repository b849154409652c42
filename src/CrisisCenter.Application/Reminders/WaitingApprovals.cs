using CrisisCenter.Application.Projections;

namespace CrisisCenter.Application.Reminders;

/// <summary>Flags approval requests that have waited longer than the threshold, at the moment they are asked for
/// (the flag is not a fact in the store: it depends on when one looks).</summary>
public static class WaitingApprovals
{
    public static IReadOnlyList<PendingApproval> Flag(IEnumerable<PendingApproval> pending, DateTimeOffset now, TimeSpan threshold) =>
        [.. pending.Select(p => p with { WaitingTooLong = now - p.SubmittedAt > threshold })];
}
