using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reminders;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Reminders;

public sealed class WaitingApprovalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(30);

    private static PendingApproval SubmittedMinutesAgo(int minutes) => new(
        Guid.NewGuid(), "INC-2026-0001", "Flood", Severity.Severe, "MES", Guid.NewGuid(), StatementKind.Update, 1, "hash",
        "u-a", ["u-a"], "u-a", Now.AddMinutes(-minutes), [], 2);

    [Fact]
    public void a_request_waiting_longer_than_the_threshold_is_flagged() =>
        WaitingApprovals.Flag([SubmittedMinutesAgo(31)], Now, Threshold).Single().WaitingTooLong.Should().BeTrue();

    [Fact]
    public void a_request_within_the_threshold_is_not_flagged()
    {
        var flagged = WaitingApprovals.Flag([SubmittedMinutesAgo(5), SubmittedMinutesAgo(30)], Now, Threshold);

        flagged.Should().OnlyContain(p => !p.WaitingTooLong);
    }

    [Fact]
    public void flagging_keeps_the_queue_order_and_everything_else()
    {
        var queue = new[] { SubmittedMinutesAgo(45), SubmittedMinutesAgo(10) };

        var flagged = WaitingApprovals.Flag(queue, Now, Threshold);

        flagged.Select(p => p.StatementId).Should().Equal(queue.Select(p => p.StatementId));
        flagged[0].Should().BeEquivalentTo(queue[0], o => o.Excluding(p => p.WaitingTooLong));
    }
}
