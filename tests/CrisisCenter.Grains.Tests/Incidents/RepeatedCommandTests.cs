using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Tests.Cluster;

namespace CrisisCenter.Grains.Tests.Incidents;

[Collection(IncidentCluster.Name)]
public sealed class RepeatedCommandTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task repeated_command_id_returns_the_first_outcome_as_duplicate_and_appends_nothing()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        var update = scenario.LogUpdate();

        var first = await IncidentOf(scenario).Execute(Scenario.Envelope(update));
        var repeated = await IncidentOf(scenario).Execute(Scenario.Envelope(update));

        first.Status.Should().Be(CommandStatus.Accepted);
        repeated.Should().Be(first with { Status = CommandStatus.Duplicate });
        (await StoredEventsOf(scenario.Stream)).Should().HaveCount(2);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task repeated_command_with_its_original_if_match_is_a_duplicate_not_a_conflict()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        var envelope = Scenario.Envelope(scenario.LogUpdate(), expectedRevision: 0);

        var first = await IncidentOf(scenario).Execute(envelope);
        var retried = await IncidentOf(scenario).Execute(envelope);

        first.Status.Should().Be(CommandStatus.Accepted);
        retried.Should().Be(first with { Status = CommandStatus.Duplicate }, "a client retrying after a lost response must not see 409");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task repeated_command_is_recognised_after_the_incident_was_deactivated_and_reactivated()
    {
        var scenario = new Scenario();
        var incident = IncidentOf(scenario);
        await DeclareAsync(scenario);
        foreach (var step in new IncidentCommand[] { scenario.Draft(), scenario.Submit(), scenario.Approve() })
            (await incident.Execute(Scenario.Envelope(step))).Status.Should().Be(CommandStatus.Accepted);
        var publish = scenario.Publish();
        var first = await incident.Execute(Scenario.Envelope(publish));
        first.EventCount.Should().Be(3, "publishing to one channel in kk and ru records the publication and two posts");

        await Fixture.Grains.DeactivateAsync(incident);
        var repeated = await incident.Execute(Scenario.Envelope(publish));

        repeated.Should().Be(first with { Status = CommandStatus.Duplicate });
        (await StoredEventsOf(scenario.Stream)).Should().HaveCount(7);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task rejected_command_is_not_remembered_so_its_retry_is_decided_afresh()
    {
        var scenario = new Scenario();
        var update = scenario.LogUpdate();

        var beforeDeclaring = await IncidentOf(scenario).Execute(Scenario.Envelope(update));
        await DeclareAsync(scenario);
        var afterDeclaring = await IncidentOf(scenario).Execute(Scenario.Envelope(update));

        beforeDeclaring.Error!.Code.Should().Be(DomainErrors.IncidentNotFound);
        afterDeclaring.Status.Should().Be(CommandStatus.Accepted, "a rejection wrote nothing, so a retry is a new decision");
    }
}
