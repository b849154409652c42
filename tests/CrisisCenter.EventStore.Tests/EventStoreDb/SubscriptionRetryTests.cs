using CrisisCenter.EventStore.EventStoreDb;
using Grpc.Core;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

public sealed class SubscriptionRetryTests
{
    [Fact]
    public void resubscribing_backs_off_exponentially_up_to_five_seconds()
    {
        AllSubscription.RetryDelay(1).Should().Be(TimeSpan.FromMilliseconds(100));
        AllSubscription.RetryDelay(2).Should().Be(TimeSpan.FromMilliseconds(200));
        AllSubscription.RetryDelay(4).Should().Be(TimeSpan.FromMilliseconds(800));
        AllSubscription.RetryDelay(50).Should().Be(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.Internal, true)]
    [InlineData(StatusCode.Aborted, true)]
    [InlineData(StatusCode.Cancelled, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.PermissionDenied, false)]
    [InlineData(StatusCode.Unauthenticated, false)]
    [InlineData(StatusCode.InvalidArgument, false)]
    public void only_failures_that_can_heal_are_retried(StatusCode status, bool retried)
    {
        AllSubscription.IsTransient(status).Should().Be(retried);
    }
}
