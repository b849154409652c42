using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CrisisCenter.Benchmarks;

/// <summary>
/// Short runs (3 warm-ups, 3 measured iterations) in this process: no generated project to build, so the whole
/// suite takes minutes on a busy 2-core machine. The numbers are indicative; compare them within one run.
/// </summary>
public sealed class ShortInProcess : ManualConfig
{
    public ShortInProcess()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>One invocation per iteration, for benchmarks whose every call must find a fresh case (a grain not yet active).</summary>
public sealed class SingleShotInProcess : ManualConfig
{
    public SingleShotInProcess()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(2).WithIterationCount(8).WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
