using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.SituationUpdates;

public class SituationUpdateTests
{
    private static LogSituationUpdate Log(Actor actor, string? region = Almaty, Guid? updateId = null) => new(
        IncidentId, By(actor), updateId ?? UpdateId, "Water level in the Malaya Almatinka rose by 40 cm.", Language.Ru,
        "Kazhydromet", region, false);

    private static SituationUpdateLogged Logged(Actor actor, string? region = Almaty) => new(
        IncidentId, actor.UserId, At(30), UpdateId, "Water level in the Malaya Almatinka rose by 40 cm.", Language.Ru,
        "Kazhydromet", region, false);

    [Fact]
    public void press_officer_logs_a_situation_update() =>
        Given(Declared()).When(Log(PressOfficer)).Then(Logged(PressOfficer));

    [Fact]
    public void participating_agency_press_officer_logs_a_situation_update() =>
        Given(Declared()).When(Log(ParticipatingPressOfficer, region: null)).Then(Logged(ParticipatingPressOfficer, region: null));

    [Fact]
    public void press_officer_outside_the_incident_cannot_log_updates() =>
        Given(Declared()).When(Log(OutsidePressOfficer)).ThenRejects(DomainErrors.NotPressOfficerOfIncident, ErrorKind.Forbidden);

    [Fact]
    public void observer_granted_regional_updates_logs_for_its_own_region() =>
        Given(Declared()).When(Log(AlmatyObserver)).Then(Logged(AlmatyObserver));

    [Fact]
    public void observer_without_the_grant_cannot_log_updates() =>
        Given(Declared()).When(Log(UngrantedObserver)).ThenRejects(DomainErrors.ObserverRegionNotPermitted, ErrorKind.Forbidden);

    [Fact]
    public void observer_cannot_log_updates_for_another_region() =>
        Given(Declared()).When(Log(AlmatyObserver, region: AlmatyRegion)).ThenRejects(DomainErrors.ObserverRegionNotPermitted);

    [Fact]
    public void observer_cannot_log_updates_when_its_region_is_not_the_incidents() =>
        Given(Declared()).When(Log(AstanaObserver, region: Astana)).ThenRejects(DomainErrors.ObserverRegionNotPermitted);

    [Fact]
    public void update_for_an_unknown_region_is_rejected() =>
        Given(Declared()).When(Log(PressOfficer, region: "KZ-00")).ThenRejects(DomainErrors.UnknownRegion, ErrorKind.Validation);

    [Fact]
    public void update_for_a_region_outside_the_incident_is_rejected() =>
        Given(Declared()).When(Log(PressOfficer, region: Astana)).ThenRejects(DomainErrors.RegionNotInIncident, ErrorKind.Validation);

    [Fact]
    public void the_same_update_cannot_be_logged_twice() =>
        Given(Declared(), UpdateLogged()).When(Log(PressOfficer)).ThenRejects(DomainErrors.SituationUpdateAlreadyLogged, ErrorKind.Conflict);

    [Fact]
    public void a_correction_links_the_corrected_update_and_keeps_it()
    {
        var state = Given(Declared(), UpdateLogged())
            .When(new CorrectSituationUpdate(IncidentId, By(PressOfficer), OtherUpdateId, UpdateId, "Rose by 25 cm.", "Gauge misread", true))
            .Then(new SituationUpdateCorrected(
                IncidentId, PressOfficer.UserId, At(30), OtherUpdateId, UpdateId, "Rose by 25 cm.", "Gauge misread",
                Language.Ru, "Kazhydromet", Almaty, true));

        state.SituationUpdates[UpdateId].Text.Should().Be("Water level in the Malaya Almatinka rose by 40 cm.");
        state.SituationUpdates[UpdateId].CorrectedByUpdateId.Should().Be(OtherUpdateId);
        state.SituationUpdates[OtherUpdateId].CorrectsUpdateId.Should().Be(UpdateId);
    }

    [Fact]
    public void correcting_an_unknown_update_is_not_found() =>
        Given(Declared())
            .When(new CorrectSituationUpdate(IncidentId, By(PressOfficer), OtherUpdateId, UpdateId, "Rose by 25 cm.", "Gauge misread", true))
            .ThenRejects(DomainErrors.SituationUpdateNotFound, ErrorKind.NotFound);

    [Fact]
    public void an_update_already_corrected_is_not_corrected_again() =>
        Given(
                Declared(), UpdateLogged(),
                new SituationUpdateCorrected(IncidentId, PressOfficer.UserId, At(5), OtherUpdateId, UpdateId, "25 cm", "misread", Language.Ru, "Kazhydromet", Almaty, true))
            .When(new CorrectSituationUpdate(IncidentId, By(PressOfficer), Guid.NewGuid(), UpdateId, "30 cm", "again", true))
            .ThenRejects(DomainErrors.SituationUpdateAlreadyCorrected, ErrorKind.Conflict);

    [Fact]
    public void a_correction_needs_a_reason() =>
        Given(Declared(), UpdateLogged())
            .When(new CorrectSituationUpdate(IncidentId, By(PressOfficer), OtherUpdateId, UpdateId, "Rose by 25 cm.", "", true))
            .ThenRejects(DomainErrors.Required);
}
