using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Grains.Tests.Cluster;

namespace CrisisCenter.Grains.Tests.Incidents;

[Collection(IncidentCluster.Name)]
public sealed class ExecutingCommandsTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task declaring_then_a_follow_up_command_appends_consecutive_revisions_and_returns_their_positions()
    {
        var scenario = new Scenario();
        var incident = IncidentOf(scenario);

        var declared = await incident.Execute(Scenario.Envelope(scenario.Declare()));
        var updated = await incident.Execute(Scenario.Envelope(scenario.LogUpdate()));

        declared.Should().BeEquivalentTo(new { Status = CommandStatus.Accepted, Revision = 0L, EventCount = 1 });
        updated.Should().BeEquivalentTo(new { Status = CommandStatus.Accepted, Revision = 1L, EventCount = 1 });
        var stored = await StoredEventsOf(scenario.Stream);
        stored.Select(e => e.Type).Should().Equal("incident.declared.v1", "situation_update.logged.v1");
        declared.Position.Should().Be(stored[0].Position);
        updated.Position.Should().Be(stored[1].Position).And.BeGreaterThan(declared.Position);
        var snapshot = await incident.GetSnapshot();
        snapshot.Revision.Should().Be(1);
        snapshot.Position.Should().Be(updated.Position);
        snapshot.State.SituationUpdates.Should().HaveCount(1);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task appended_events_carry_actor_command_session_and_correlation_and_ids_derived_from_the_command()
    {
        var scenario = new Scenario();
        var declare = scenario.Declare();
        var envelope = Scenario.Envelope(declare);

        await IncidentOf(scenario).Execute(envelope);

        var stored = (await StoredEventsOf(scenario.Stream)).Should().ContainSingle().Subject;
        stored.EventId.Should().Be(IncidentEventSerializer.EventId(declare.Context.CommandId, 0));
        stored.Metadata.Should().BeEquivalentTo(new
        {
            ActorId = Scenario.PressOfficer.UserId,
            ActorName = Scenario.PressOfficer.Name,
            AgencyCode = Scenario.LeadAgency,
            CommandId = (Guid?)declare.Context.CommandId,
            SessionId = envelope.SessionId,
            CorrelationId = envelope.CorrelationId,
            Roles = Scenario.PressOfficer.Roles.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList(),
        });
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task rejected_command_returns_the_domain_error_code_and_appends_nothing()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate(by: Scenario.OutsidePressOfficer)));

        outcome.Status.Should().Be(CommandStatus.Rejected);
        outcome.Error.Should().BeEquivalentTo(new { Code = DomainErrors.NotPressOfficerOfIncident, Kind = ErrorKind.Forbidden });
        outcome.EventCount.Should().Be(0);
        outcome.Revision.Should().Be(0);
        (await Fixture.Store.GetStreamRevisionAsync(scenario.Stream)).Should().Be(0);
        (await IncidentOf(scenario).GetSnapshot()).State.SituationUpdates.Should().BeEmpty();
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task the_policy_registered_in_the_silo_decides_not_the_default_one()
    {
        var scenario = new Scenario();
        var title = new string('a', SiloWithSqliteStore.MaxTitleLength + 1);
        title.Length.Should().BeLessThan(IncidentPolicy.Default.MaxTitleLength, "the default policy would accept this title");

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.Declare() with { Title = title }));

        outcome.Status.Should().Be(CommandStatus.Rejected);
        outcome.Error!.Code.Should().Be(DomainErrors.TooLong);
        outcome.Error.Field.Should().Be("Title", "the field at fault crosses the grain call with the error");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_title_with_a_control_character_is_rejected_naming_field_and_code_point()
    {
        var scenario = new Scenario();

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.Declare() with { Title = "Flood\u000Bin Almaty" }));

        outcome.Status.Should().Be(CommandStatus.Rejected);
        outcome.Error!.Code.Should().Be(DomainErrors.ForbiddenCharacter);
        outcome.Error.Field.Should().Be("Title");
        outcome.Error.Message.Should().Contain("U+000B");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task command_naming_another_incident_is_rejected_and_lands_in_no_stream()
    {
        var scenario = new Scenario();
        var other = new Scenario();

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(other.Declare()));

        outcome.Status.Should().Be(CommandStatus.Rejected);
        outcome.Error!.Code.Should().Be(DomainErrors.IncidentIdMismatch);
        (await Fixture.Store.GetStreamRevisionAsync(scenario.Stream)).Should().BeNull();
        (await Fixture.Store.GetStreamRevisionAsync(other.Stream)).Should().BeNull();
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task stale_if_match_revision_is_a_conflict_with_the_actual_revision_and_appends_nothing()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate()));

        var stale = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate(), expectedRevision: 0));
        var current = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate(), expectedRevision: 1));

        stale.Status.Should().Be(CommandStatus.Conflict);
        stale.ActualRevision.Should().Be(1);
        stale.EventCount.Should().Be(0);
        current.Status.Should().Be(CommandStatus.Accepted, "the If-Match of a client that saw the latest revision holds");
        current.Revision.Should().Be(2);
        (await StoredEventsOf(scenario.Stream)).Should().HaveCount(3);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task twenty_concurrent_commands_to_one_incident_all_succeed_with_distinct_consecutive_revisions()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);
        var incident = IncidentOf(scenario);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20)
            .Select(i => incident.Execute(Scenario.Envelope(scenario.LogUpdate($"Report {i}")))));

        outcomes.Should().OnlyContain(outcome => outcome.Status == CommandStatus.Accepted);
        outcomes.Select(outcome => outcome.Revision).Should().BeEquivalentTo(Enumerable.Range(1, 20).Select(i => (long)i));
        outcomes.Select(outcome => outcome.Position).Should().OnlyHaveUniqueItems();
        var stored = await StoredEventsOf(scenario.Stream);
        stored.Select(e => e.Revision).Should().Equal(Enumerable.Range(0, 21).Select(i => (long)i));
        (await incident.GetSnapshot()).State.SituationUpdates.Should().HaveCount(20);
    }
}
