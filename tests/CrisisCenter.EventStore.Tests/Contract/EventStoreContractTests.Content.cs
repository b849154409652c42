using System.Text;

namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task metadata_round_trips_every_field()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var metadata = new EventMetadata
        {
            ActorId = "user-42",
            ActorName = "Айгерім Сәрсенбаева",
            AgencyCode = "AKIMAT-ALMATY",
            SessionId = "session-9f2",
            CommandId = Guid.NewGuid(),
            CorrelationId = Guid.NewGuid(),
            CausationId = Guid.NewGuid(),
        };
        var sparse = SampleEvents.One() with { Metadata = EventMetadata.Empty };

        await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One() with { Metadata = metadata }, sparse]);

        var read = await ReadStreamAsync(store, stream);
        read[0].Metadata.Should().Be(metadata);
        read[1].Metadata.Should().Be(EventMetadata.Empty);
    }

    [SkippableFact]
    public async Task event_data_bytes_round_trip_exactly()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        // Odd spacing, escapes and three scripts: a store must hand back bytes, not a re-serialised document.
        var small = Encoding.UTF8.GetBytes("{ \"kk\" : \"Су тасқыны қаупі\",\n\t\"ru\":\"Угроза паводка\" , \"en\": \"Flood \\\"risk\\\" ☔\", \"n\": 1.50 }");
        var large = Encoding.UTF8.GetBytes("{\"text\":\"" + new string('ж', 40_000) + "\"}");
        var events = new[] { SampleEvents.One() with { Data = small }, SampleEvents.One() with { Data = large } };

        await store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        var read = await ReadStreamAsync(store, stream);
        read[0].Data.ToArray().Should().Equal(small);
        read[1].Data.ToArray().Should().Equal(large);
    }

    [SkippableFact]
    public async Task event_id_type_and_stream_round_trip()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var e = SampleEvents.One(type: "incident.statement-approved.v2");

        await store.AppendAsync(stream, ExpectedRevision.NoStream, [e]);

        var read = (await ReadStreamAsync(store, stream)).Single();
        read.EventId.Should().Be(e.EventId);
        read.Type.Should().Be("incident.statement-approved.v2");
        read.Stream.Should().Be(stream);
        read.RecordedAt.Should().NotBe(default);
    }
}
