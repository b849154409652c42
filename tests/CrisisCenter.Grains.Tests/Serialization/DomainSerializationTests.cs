using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Grains.Tests.Cluster;
using CrisisCenter.Grains.Tests.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CrisisCenter.Grains.Tests.Serialization;

[Collection(IncidentCluster.Name)]
public sealed class DomainSerializationTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    [Fact]
    public void derived_command_passed_as_incident_command_arrives_as_itself_through_the_clients_serializer()
    {
        var scenario = new Scenario();
        var envelope = Scenario.Envelope(scenario.Draft(), expectedRevision: 3);
        var serializer = Fixture.Grains.ServiceProvider.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<CommandEnvelope>(serializer.SerializeToArray(envelope));

        copy!.Command.Should().BeOfType<DraftStatement>();
        copy.Should().BeEquivalentTo(envelope, options => options.ComparingRecordsByMembers().RespectingRuntimeTypes());
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task state_with_statements_round_trips_through_a_grain_call()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        (await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.Draft()))).Status.Should().Be(CommandStatus.Accepted);

        var snapshot = await IncidentOf(scenario).GetSnapshot();

        var expected = Incident.Replay((await StoredEventsOf(scenario.Stream)).Select(e => IncidentEventSerializer.Deserialize(e)!));
        snapshot.State.Should().BeEquivalentTo(expected, options => options.ComparingRecordsByMembers());
        snapshot.State.Statements[scenario.StatementId].Current.Content.Should().BeEquivalentTo(Scenario.Content);
        snapshot.State.Statements[scenario.StatementId].Current.ContentHash.Should()
            .Be(ContentHash.Compute(StatementKind.Update, Scenario.Content));
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task rejection_error_round_trips_through_a_grain_call()
    {
        var scenario = new Scenario();

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate()));

        outcome.Error.Should().BeEquivalentTo(new { Code = DomainErrors.IncidentNotFound, Kind = ErrorKind.NotFound });
        outcome.Error!.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void without_the_registration_orleans_cannot_serialize_domain_types()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var serialize = () => serializer.SerializeToArray<IncidentCommand>(new Scenario().LogUpdate());

        serialize.Should().Throw<Exception>("this is what the registration exists for");
    }

    [Fact]
    public void with_the_registration_a_bare_service_collection_round_trips_a_command()
    {
        using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddCrisisCenterSerialization())
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        IncidentCommand command = new Scenario().LogUpdate();

        var copy = serializer.Deserialize<IncidentCommand>(serializer.SerializeToArray(command));

        copy.Should().BeOfType<LogSituationUpdate>()
            .Which.Should().BeEquivalentTo(command, options => options.ComparingRecordsByMembers().RespectingRuntimeTypes());
    }

    [Fact]
    public void registering_twice_registers_the_codec_once()
    {
        var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddCrisisCenterSerialization())
            .AddSerializer(serializer => serializer.AddCrisisCenterSerialization());

        services.Count(service => service.ServiceType == typeof(JsonCodec)).Should().Be(1);
    }
}
