using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Incidents;

public class IncidentLifecycleTests
{
    private static readonly IncidentClosed Closed = new(IncidentId, PressOfficer.UserId, At(20), "Water receded.");

    [Fact]
    public void an_active_incident_is_stabilized()
    {
        var state = Given(Declared())
            .When(new StabilizeIncident(IncidentId, By(PressOfficer), "Water level falling"))
            .Then(new IncidentStabilized(IncidentId, PressOfficer.UserId, At(30), "Water level falling"));
        state.Status.Should().Be(IncidentStatus.Stabilized);
    }

    [Fact]
    public void only_an_active_incident_can_be_stabilized() =>
        Given(Declared(), new IncidentStabilized(IncidentId, PressOfficer.UserId, At(10), null))
            .When(new StabilizeIncident(IncidentId, By(PressOfficer), null))
            .ThenRejects(DomainErrors.IncidentNotActive, ErrorKind.Conflict);

    [Fact]
    public void a_stabilized_incident_is_closed_with_a_summary()
    {
        var state = Given(Declared(), new IncidentStabilized(IncidentId, PressOfficer.UserId, At(10), null))
            .When(new CloseIncident(IncidentId, By(PressOfficer), "Water receded."))
            .Then(new IncidentClosed(IncidentId, PressOfficer.UserId, At(30), "Water receded."));
        state.Status.Should().Be(IncidentStatus.Closed);
    }

    [Fact]
    public void closing_needs_a_summary() =>
        Given(Declared()).When(new CloseIncident(IncidentId, By(PressOfficer), "")).ThenRejects(DomainErrors.Required);

    [Fact]
    public void a_closed_incident_accepts_nothing_but_reopen() =>
        Given(Declared(), Closed)
            .When(new ChangeIncidentSeverity(IncidentId, By(PressOfficer), Severity.Severe, "Spreading"))
            .ThenRejects(DomainErrors.IncidentClosed, ErrorKind.Conflict);

    [Fact]
    public void a_closed_incident_takes_no_new_statements() =>
        Given(Declared(), Closed)
            .When(new DraftStatement(IncidentId, By(PressOfficer), StatementId, StatementKind.Update, Content))
            .ThenRejects(DomainErrors.IncidentClosed);

    [Fact]
    public void closing_a_closed_incident_is_a_conflict() =>
        Given(Declared(), Closed).When(new CloseIncident(IncidentId, By(PressOfficer), "Again")).ThenRejects(DomainErrors.IncidentClosed);

    [Fact]
    public void a_closed_incident_is_reopened_with_a_reason_and_is_active_again()
    {
        var state = Given(Declared(), Closed)
            .When(new ReopenIncident(IncidentId, By(PressOfficer), "Second wave of mudflow"))
            .Then(new IncidentReopened(IncidentId, PressOfficer.UserId, At(30), "Second wave of mudflow"));
        state.Status.Should().Be(IncidentStatus.Active);
    }

    [Fact]
    public void reopening_needs_a_reason() =>
        Given(Declared(), Closed).When(new ReopenIncident(IncidentId, By(PressOfficer), " ")).ThenRejects(DomainErrors.Required);

    [Fact]
    public void only_a_closed_incident_can_be_reopened() =>
        Given(Declared()).When(new ReopenIncident(IncidentId, By(PressOfficer), "Why not")).ThenRejects(DomainErrors.IncidentNotClosed, ErrorKind.Conflict);

    [Fact]
    public void severity_change_records_old_and_new_severity()
    {
        var state = Given(Declared())
            .When(new ChangeIncidentSeverity(IncidentId, By(PressOfficer), Severity.Extreme, "Dam at risk"))
            .Then(new IncidentSeverityChanged(IncidentId, PressOfficer.UserId, At(30), Severity.Moderate, Severity.Extreme, "Dam at risk"));
        state.Severity.Should().Be(Severity.Extreme);
    }

    [Fact]
    public void severity_change_to_the_same_severity_is_rejected() =>
        Given(Declared())
            .When(new ChangeIncidentSeverity(IncidentId, By(PressOfficer), Severity.Moderate, "Same"))
            .ThenRejects(DomainErrors.SeverityUnchanged);

    [Fact]
    public void only_the_lead_agency_steers_the_incident() =>
        Given(Declared())
            .When(new CloseIncident(IncidentId, By(ParticipatingPressOfficer), "Done"))
            .ThenRejects(DomainErrors.NotPressOfficerOfLeadAgency, ErrorKind.Forbidden);

    [Fact]
    public void an_agency_joins_the_incident()
    {
        var state = Given(Declared())
            .When(new AddParticipatingAgency(IncidentId, By(PressOfficer), "MVD"))
            .Then(new AgencyJoinedIncident(IncidentId, PressOfficer.UserId, At(30), "MVD"));
        state.ParticipatingAgencies.Should().Equal(ParticipatingAgency, "MVD");
    }

    [Fact]
    public void an_agency_already_taking_part_cannot_join_again() =>
        Given(Declared()).When(new AddParticipatingAgency(IncidentId, By(PressOfficer), ParticipatingAgency))
            .ThenRejects(DomainErrors.AgencyAlreadyParticipating, ErrorKind.Conflict);

    [Fact]
    public void a_participating_agency_leaves_the_incident()
    {
        var state = Given(Declared())
            .When(new RemoveParticipatingAgency(IncidentId, By(PressOfficer), ParticipatingAgency))
            .Then(new AgencyLeftIncident(IncidentId, PressOfficer.UserId, At(30), ParticipatingAgency));
        state.ParticipatingAgencies.Should().BeEmpty();
    }

    [Fact]
    public void the_lead_agency_cannot_leave() =>
        Given(Declared()).When(new RemoveParticipatingAgency(IncidentId, By(PressOfficer), LeadAgency))
            .ThenRejects(DomainErrors.LeadAgencyCannotLeave, ErrorKind.Conflict);

    [Fact]
    public void an_agency_not_taking_part_cannot_leave() =>
        Given(Declared()).When(new RemoveParticipatingAgency(IncidentId, By(PressOfficer), OutsideAgency))
            .ThenRejects(DomainErrors.AgencyNotParticipating, ErrorKind.NotFound);

    [Fact]
    public void an_agency_that_left_no_longer_writes() =>
        Given(Declared(), new AgencyLeftIncident(IncidentId, PressOfficer.UserId, At(5), ParticipatingAgency))
            .When(new DraftStatement(IncidentId, By(ParticipatingPressOfficer), StatementId, StatementKind.Update, Content))
            .ThenRejects(DomainErrors.NotPressOfficerOfIncident, ErrorKind.Forbidden);
}
