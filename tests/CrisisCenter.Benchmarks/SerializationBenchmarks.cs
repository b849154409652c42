using BenchmarkDotNet.Attributes;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Benchmarks;

/// <summary>Event ↔ store record: IncidentEventSerializer over DomainJson, for a situation update and a declaration.</summary>
[Config(typeof(ShortInProcess))]
public class SerializationBenchmarks
{
    private IncidentEvent _update = null!;
    private IncidentEvent _declared = null!;
    private RecordedEvent _updateRecord = null!;
    private RecordedEvent _declaredRecord = null!;
    private readonly EventMetadata _metadata = IncidentHistory.Metadata(Guid.NewGuid());

    [GlobalSetup]
    public void Setup()
    {
        var (events, _) = IncidentHistory.Build(Guid.NewGuid(), 2);
        _declared = events[0];
        _update = events[1];
        _declaredRecord = Recorded(_declared, 0);
        _updateRecord = Recorded(_update, 1);
    }

    [Benchmark]
    public EventData SerializeSituationUpdate() => IncidentEventSerializer.ToEventData(_update, Guid.NewGuid(), _metadata);

    [Benchmark]
    public IncidentEvent? DeserializeSituationUpdate() => IncidentEventSerializer.Deserialize(_updateRecord);

    [Benchmark]
    public EventData SerializeDeclaration() => IncidentEventSerializer.ToEventData(_declared, Guid.NewGuid(), _metadata);

    [Benchmark]
    public IncidentEvent? DeserializeDeclaration() => IncidentEventSerializer.Deserialize(_declaredRecord);

    private RecordedEvent Recorded(IncidentEvent @event, long revision)
    {
        var data = IncidentEventSerializer.ToEventData(@event, Guid.NewGuid(), _metadata);
        return new RecordedEvent(data.EventId, "incident-x", revision, revision, data.Type, data.Data, data.Metadata, DateTimeOffset.UtcNow, "", "");
    }
}
