using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Grains.Tests.Cluster;

namespace CrisisCenter.Grains.Tests.Incidents;

/// <summary>The stream is the truth: a fresh activation rebuilds from it, and events appended by another writer
/// (another activation during a failover, a tool outside) are read before the grain decides again.</summary>
[Collection(IncidentCluster.Name)]
public sealed class ReplayAndOutsideWritesTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task state_after_reactivation_equals_state_before()
    {
        var scenario = new Scenario();
        var incident = IncidentOf(scenario);
        await DeclareAsync(scenario);
        foreach (var step in new IncidentCommand[]
                 {
                     scenario.LogUpdate(), scenario.Draft(), scenario.Submit(), scenario.Approve(), scenario.Publish(),
                 })
        {
            (await incident.Execute(Scenario.Envelope(step))).Status.Should().Be(CommandStatus.Accepted);
        }

        var before = await incident.GetSnapshot();
        await Fixture.Grains.DeactivateAsync(incident);
        var after = await incident.GetSnapshot();

        after.Revision.Should().Be(before.Revision).And.Be(7);
        after.Position.Should().Be(before.Position);
        after.State.Should().BeEquivalentTo(before.State, options => options.ComparingRecordsByMembers());
        after.State.Statements[scenario.StatementId].Status.Should().Be(StatementStatus.Published);
        after.State.ChannelPosts.Should().HaveCount(2);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task event_appended_behind_the_grains_back_is_read_and_the_command_still_succeeds()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        var outsideUpdateId = Guid.NewGuid();
        await Fixture.Store.AppendAsync(scenario.Stream, ExpectedRevision.Exact(0), [OutsideUpdate(scenario, outsideUpdateId)]);

        var update = scenario.LogUpdate();
        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(update));

        outcome.Status.Should().Be(CommandStatus.Accepted);
        outcome.Revision.Should().Be(2, "the grain appended after the outside event, not over it");
        var snapshot = await IncidentOf(scenario).GetSnapshot();
        snapshot.Revision.Should().Be(2);
        snapshot.State.SituationUpdates.Keys.Should().BeEquivalentTo([outsideUpdateId, update.UpdateId]);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task command_after_an_outside_write_is_decided_again_on_the_state_read_back()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        var updateId = Guid.NewGuid();
        await Fixture.Store.AppendAsync(scenario.Stream, ExpectedRevision.Exact(0), [OutsideUpdate(scenario, updateId)]);

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate(updateId: updateId)));

        outcome.Status.Should().Be(CommandStatus.Rejected, "the update id was taken by the outside write the grain had not seen");
        outcome.Error!.Code.Should().Be(DomainErrors.SituationUpdateAlreadyLogged);
        (await StoredEventsOf(scenario.Stream)).Should().HaveCount(2);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task if_match_naming_a_revision_written_behind_the_grains_back_is_honoured()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        await Fixture.Store.AppendAsync(scenario.Stream, ExpectedRevision.Exact(0), [OutsideUpdate(scenario, Guid.NewGuid())]);

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate(), expectedRevision: 1));

        outcome.Status.Should().Be(CommandStatus.Accepted, "the client saw revision 1 in the store; the grain must look before calling it stale");
        outcome.Revision.Should().Be(2);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_rival_writer_winning_the_race_once_costs_one_retry_and_the_command_succeeds()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        Fixture.ContestedStore.Contest(scenario.Stream, appends: 1, () => OutsideUpdate(scenario, Guid.NewGuid()));

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate()));

        outcome.Status.Should().Be(CommandStatus.Accepted);
        outcome.Revision.Should().Be(2);
        (await IncidentOf(scenario).GetSnapshot()).State.SituationUpdates.Should().HaveCount(2);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task the_hash_chain_holds_when_appends_chain_onto_the_grains_own_tail_and_onto_a_rivals_event()
    {
        var scenario = new Scenario();
        var incident = IncidentOf(scenario);
        await DeclareAsync(scenario);
        (await incident.Execute(Scenario.Envelope(scenario.LogUpdate()))).Status.Should().Be(CommandStatus.Accepted);
        Fixture.ContestedStore.Contest(scenario.Stream, appends: 1, () => OutsideUpdate(scenario, Guid.NewGuid()));

        (await incident.Execute(Scenario.Envelope(scenario.LogUpdate("Water level at 2.3 m.")))).Status.Should().Be(CommandStatus.Accepted);
        var last = await incident.Execute(Scenario.Envelope(scenario.Draft()));

        last.Revision.Should().Be(4, "declaration, update, the rival's update, update, draft");
        var stored = await StoredEventsOf(scenario.Stream);
        (await new StreamVerifier(Fixture.Store).VerifyAsync(scenario.Stream)).Should().Be(VerificationResult.Intact(scenario.Stream, 5));
        Fixture.ContestedStore.TailsPassed(scenario.Stream).Should().Equal(
            [null, StreamTail.Of(stored[0]), StreamTail.Of(stored[1]), StreamTail.Of(stored[2]), StreamTail.Of(stored[3])],
            "each append names the last event the grain knows: none for the declaration, then what the store reported, then the rival's event it read");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_rival_writer_winning_the_race_twice_is_a_conflict_and_the_command_appends_nothing()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        Fixture.ContestedStore.Contest(scenario.Stream, appends: 2, () => OutsideUpdate(scenario, Guid.NewGuid()));

        var update = scenario.LogUpdate();
        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(update));

        outcome.Status.Should().Be(CommandStatus.Conflict);
        outcome.ActualRevision.Should().Be(2, "two rival events followed the declaration");
        var stored = await StoredEventsOf(scenario.Stream);
        stored.Should().HaveCount(3);
        stored.Should().NotContain(e => e.Metadata.CommandId == update.Context.CommandId);
    }

    private static EventData OutsideUpdate(Scenario scenario, Guid updateId) =>
        IncidentEventSerializer.ToEventData(
            new SituationUpdateLogged(scenario.IncidentId, "u-outside", Scenario.T0.AddMinutes(1), updateId,
                "Logged by another writer.", Language.Kk, "Akimat", Scenario.Almaty, Verified: false),
            Guid.NewGuid(),
            new EventMetadata { ActorId = "u-outside" });
}
