using System.Diagnostics;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;

namespace CrisisCenter.Application.Tests.Hosting;

/// <summary>How long a command waits for the read models, and that no waiter is ever left behind by the event that
/// reaches it.</summary>
public sealed class ReadYourWritesTests : IAsyncLifetime
{
    private readonly StoreFile _file = new();
    private readonly Facts _flood = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task a_position_already_applied_is_not_waited_for()
    {
        var declared = await _file.AppendAsync(_flood.Declared());
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.Reached(declared);

        new ProjectionReadYourWrites(projections.Host).WaitForAsync(declared, CancellationToken.None).IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task a_command_waits_at_most_the_bounded_time_for_a_position_never_reached_and_then_succeeds()
    {
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();
        var readYourWrites = new ProjectionReadYourWrites(projections.Host);
        var clock = Stopwatch.StartNew();

        await readYourWrites.WaitForAsync(long.MaxValue, CancellationToken.None).WaitAsync(RunningProjections.Patience);

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(ProjectionReadYourWrites.MaxWait - TimeSpan.FromMilliseconds(20))
            .And.BeLessThan(ProjectionReadYourWrites.MaxWait + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task a_caller_that_gives_up_gets_its_cancellation()
    {
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.CaughtUp();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var wait = () => new ProjectionReadYourWrites(projections.Host).WaitForAsync(long.MaxValue, cancellation.Token);

        await wait.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task waiters_registering_while_events_are_applied_are_all_released_by_the_events_that_reach_them()
    {
        var declared = await _file.AppendAsync(_flood.Declared());
        await using var projections = await RunningProjections.StartAsync(_file.Store);
        await projections.Reached(declared);
        var appending = Task.Run(async () =>
        {
            var last = declared;
            for (var i = 0; i < 200; i++)
                last = await _file.AppendAsync(_flood.UpdateLogged(i, Guid.NewGuid()));
            return last;
        });

        var waits = new List<(long Position, Task Reached)>();
        while (!appending.IsCompleted && waits.Count < 100_000)
        {
            var next = projections.Host.Position + 1;
            waits.Add((next, projections.Host.WaitForPositionAsync(next)));
            Thread.SpinWait(20);
        }
        var lastAppended = await appending;

        // No event comes after the last one: a waiter the lock-free check skipped would wait here forever.
        var reachable = waits.Where(w => w.Position <= lastAppended).Select(w => w.Reached).ToList();
        reachable.Should().NotBeEmpty();
        await Task.WhenAll(reachable).WaitAsync(RunningProjections.Patience);
    }
}
