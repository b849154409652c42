using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Tests.Cluster;

namespace CrisisCenter.Grains.Tests.Incidents;

/// <summary>
/// The incident answers commands of those who may not see it (IncidentVisibility) exactly as an incident never
/// declared answers, before anything that would tell the two apart, and writes nothing for them.
/// </summary>
[Collection(IncidentCluster.Name)]
public sealed class VisibilityTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    /// <summary>A press officer of another ministry: sees normal incidents, never restricted ones it is not part of.</summary>
    private static readonly Actor Outsider = Scenario.OutsidePressOfficer;

    private const string Partner = "MOH";
    private static readonly Actor PartnerPressOfficer = new("u-dana", "Dana Seitova", Partner, [Role.PressOfficer]);

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task an_outsider_hears_a_restricted_incident_was_never_declared_and_nothing_is_appended()
    {
        var restricted = await DeclareRestrictedAsync();
        var neverDeclared = new Scenario();

        var outcome = await IncidentOf(restricted).Execute(Scenario.Envelope(restricted.LogUpdate(by: Outsider)));
        var undeclared = await IncidentOf(neverDeclared).Execute(Scenario.Envelope(neverDeclared.LogUpdate(by: Outsider)));

        outcome.Should().BeEquivalentTo(undeclared with
        {
            Error = DomainError.NotFound(DomainErrors.IncidentNotFound, $"Incident {restricted.IncidentId} has not been declared."),
        });
        undeclared.Should().BeEquivalentTo(new { Status = CommandStatus.Rejected, Revision = -1L, EventCount = 0 });
        undeclared.Error!.Message.Should().Be($"Incident {neverDeclared.IncidentId} has not been declared.", "the domain's own words, which the grain repeats");
        (await StoredEventsOf(restricted.Stream)).Should().ContainSingle("only the declaration is stored");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task an_outsider_with_a_stale_if_match_revision_hears_not_found_not_a_conflict()
    {
        var restricted = await DeclareRestrictedAsync();

        var outcome = await IncidentOf(restricted).Execute(Scenario.Envelope(restricted.LogUpdate(by: Outsider), expectedRevision: 7));

        outcome.Status.Should().Be(CommandStatus.Rejected);
        outcome.Error!.Code.Should().Be(DomainErrors.IncidentNotFound);
        outcome.ActualRevision.Should().BeNull("a conflict would tell the outsider the incident's revision");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_partner_that_left_hears_not_found_even_for_a_retry_of_its_own_accepted_command()
    {
        var restricted = await DeclareRestrictedAsync(participating: [Partner]);
        var incident = IncidentOf(restricted);
        var update = Scenario.Envelope(restricted.LogUpdate(by: PartnerPressOfficer));
        (await incident.Execute(update)).Status.Should().Be(CommandStatus.Accepted);
        var removal = new RemoveParticipatingAgency(restricted.IncidentId, Scenario.By(Scenario.PressOfficer, 30), Partner);
        (await incident.Execute(Scenario.Envelope(removal))).Status.Should().Be(CommandStatus.Accepted);

        var retried = await incident.Execute(update);

        retried.Status.Should().Be(CommandStatus.Rejected, "a duplicate answer would confirm the incident exists");
        retried.Error!.Code.Should().Be(DomainErrors.IncidentNotFound);
        retried.Revision.Should().Be(-1);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_normal_incident_is_decided_for_an_outsider_who_may_see_it()
    {
        var scenario = new Scenario();
        await DeclareAsync(scenario);

        var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate(by: Outsider)));

        outcome.Error!.Code.Should().Be(DomainErrors.NotPressOfficerOfIncident, "an outsider who sees the incident gets the domain's 403");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task the_platform_reaches_a_restricted_incident_it_is_no_agency_of()
    {
        var restricted = await DeclareRestrictedAsync();
        var outcome = new RecordChannelPostDelivered(restricted.IncidentId, Scenario.By(Actor.System, 40), Guid.NewGuid(), Attempt: 1, "msg-1");

        var recorded = await IncidentOf(restricted).Execute(Scenario.Envelope(outcome));

        recorded.Error!.Code.Should().Be(DomainErrors.ChannelPostNotFound, "the domain decided: the incident let the dispatcher through");
    }

    private async Task<Scenario> DeclareRestrictedAsync(IReadOnlyList<string>? participating = null)
    {
        var scenario = new Scenario();
        var declared = await IncidentOf(scenario).Execute(Scenario.Envelope(
            scenario.Declare() with { Visibility = Visibility.Restricted, ParticipatingAgencies = [.. participating ?? []] }));
        declared.Status.Should().Be(CommandStatus.Accepted, "declaring is the starting point of the test: {0}", declared.Error);
        return scenario;
    }
}
