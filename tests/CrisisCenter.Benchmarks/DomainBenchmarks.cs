using BenchmarkDotNet.Attributes;
using CrisisCenter.Domain;

namespace CrisisCenter.Benchmarks;

/// <summary>The pure core: deciding a situation update and folding its event, on an incident with 1,000 events.</summary>
[Config(typeof(ShortInProcess))]
public class DomainBenchmarks
{
    private static readonly Guid IncidentId = Guid.Parse("5a0c3a52-8b1e-4bd0-9d7f-1f0d2c9a7e11");
    private IncidentState _state = IncidentState.Initial;
    private LogSituationUpdate _command = null!;
    private IncidentEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = IncidentHistory.Build(IncidentId, 1_000).State;
        _command = IncidentHistory.Update(IncidentId, 1_001);
        _event = Incident.Decide(_state, _command, IncidentPolicy.Default).Events[0];
    }

    [Benchmark]
    public Decision Decide() => Incident.Decide(_state, _command, IncidentPolicy.Default);

    [Benchmark]
    public IncidentState Evolve() => Incident.Evolve(_state, _event);
}
