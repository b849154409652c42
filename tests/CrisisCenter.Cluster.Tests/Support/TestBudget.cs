using System.Diagnostics;

namespace CrisisCenter.Cluster.Tests.Support;

/// <summary>
/// A test's whole time allowance. Every wait asks it for the time left, so a stuck cluster fails the test with the
/// phase it was stuck in instead of hanging the run.
/// </summary>
public sealed class TestBudget(TimeSpan total, ITestOutputHelper output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _phaseStart;

    public TimeSpan Elapsed => _clock.Elapsed;

    public TimeSpan Left => total - _clock.Elapsed;

    /// <summary>Prints how long the previous phase took and starts <paramref name="name"/>.</summary>
    public void Phase(string name)
    {
        var now = _clock.Elapsed;
        output.WriteLine($"[{now.TotalSeconds,6:F1} s] {name}");
        _phaseStart = now;
    }

    public TimeSpan PhaseElapsed => _clock.Elapsed - _phaseStart;

    /// <summary>Polls <paramref name="done"/> until it holds; fails with <paramref name="what"/> and
    /// <paramref name="state"/> when the budget runs out.</summary>
    public async Task WaitUntilAsync(Func<bool> done, string what, Func<string> state)
    {
        while (!done())
        {
            if (Left <= TimeSpan.Zero)
                throw new TimeoutException($"The test's {total.TotalSeconds:F0} s budget ran out waiting for {what}: {state()}");
            await Task.Delay(100);
        }
    }

    /// <summary><paramref name="task"/>, or a TimeoutException naming <paramref name="what"/> when the budget runs out first.</summary>
    public async Task<T> Within<T>(Task<T> task, string what)
    {
        var left = Left;
        if (left <= TimeSpan.Zero || await Task.WhenAny(task, Task.Delay(left)) != task)
            throw new TimeoutException($"The test's {total.TotalSeconds:F0} s budget ran out during {what}.");
        return await task;
    }

    public async Task Within(Task task, string what) => await Within(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), what);
}
