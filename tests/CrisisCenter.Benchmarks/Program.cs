using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CrisisCenter.Benchmarks -- --filter '*'   (or a class: --filter '*Replay*')
BenchmarkSwitcher.FromAssembly(typeof(CrisisCenter.Benchmarks.IncidentHistory).Assembly).Run(args);
