using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Tests.Cluster;
using CrisisCenter.Grains.Tests.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CrisisCenter.Grains.Tests.Serialization;

/// <summary>
/// A call between grains of one silo (or from the co-hosted web edge) deep-copies its arguments and result unless
/// their types are immutable. The command path's are: a copy of the envelope would re-encode the whole command as
/// JSON (domain types travel through the JSON codec) on every command.
/// </summary>
[Collection(IncidentCluster.Name)]
public sealed class GrainCallCopyTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    [Fact]
    public void the_command_envelope_outcome_and_snapshot_cross_a_local_call_uncopied()
    {
        var copier = Fixture.SiloServices.GetRequiredService<DeepCopier>();
        var scenario = new Scenario();
        var envelope = Scenario.Envelope(scenario.Draft(), expectedRevision: 3);
        var outcome = new CommandOutcome(CommandStatus.Rejected, 3, 42, 0, DomainError.NotFound(DomainErrors.IncidentNotFound, "gone"));
        var snapshot = new IncidentSnapshot(IncidentState.Initial, 3, 42);

        copier.Copy(envelope).Should().BeSameAs(envelope);
        copier.Copy(outcome).Should().BeSameAs(outcome);
        copier.Copy(snapshot).Should().BeSameAs(snapshot);
    }
}
