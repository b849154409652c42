using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Tests.Incidents;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>What every cluster test needs: grains through the external client, and the store to look into.</summary>
public abstract class ClusterTests(IncidentClusterFixture fixture)
{
    protected IncidentClusterFixture Fixture { get; } = fixture;

    protected IIncidentGrain IncidentOf(Scenario scenario) => Fixture.Grains.GetGrain<IIncidentGrain>(scenario.IncidentId);

    protected async Task<IReadOnlyList<RecordedEvent>> StoredEventsOf(string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var recorded in Fixture.Store.ReadStreamAsync(stream))
            events.Add(recorded);
        return events;
    }

    /// <summary>Declares the scenario's incident (revision 0) and returns the outcome.</summary>
    protected async Task<CommandOutcome> DeclareAsync(Scenario scenario)
    {
        var declared = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.Declare()));
        declared.Status.Should().Be(CommandStatus.Accepted, "declaring is the starting point of the test: {0}", declared.Error);
        return declared;
    }
}
