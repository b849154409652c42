using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Incidents;

public class DeclaringIncidentTests
{
    private static DeclareIncident Declare(
        Actor? actor = null,
        string title = "Flood in Almaty",
        IReadOnlyList<string>? regions = null,
        IReadOnlyList<Language>? languages = null,
        string leadAgency = LeadAgency) => new(
        IncidentId, By(actor ?? PressOfficer, T0), Code, title, "Mudflow after heavy rain.", IncidentCategory.Met,
        Severity.Moderate, regions ?? [Almaty, AlmatyRegion], leadAgency, [ParticipatingAgency], Visibility.Normal,
        languages ?? [Language.Kk, Language.Ru], true);

    [Fact]
    public void press_officer_of_the_lead_agency_declares_an_incident() =>
        Given().When(Declare()).Then(Declared());

    [Fact]
    public void declaring_an_existing_incident_is_a_conflict() =>
        Given(Declared()).When(Declare()).ThenRejects(DomainErrors.IncidentAlreadyDeclared, ErrorKind.Conflict);

    [Fact]
    public void required_languages_default_to_kazakh_and_russian() =>
        Given().When(Declare(languages: [])).Then(Declared());

    [Fact]
    public void required_languages_are_kept_in_canonical_order_without_duplicates()
    {
        var events = Given().When(Declare(languages: [Language.En, Language.Kk, Language.En])).ThenAccepts();
        events.Should().ContainSingle().Which.As<IncidentDeclared>().RequiredLanguages.Should().Equal(Language.Kk, Language.En);
    }

    [Fact]
    public void title_is_required() =>
        Given().When(Declare(title: "  ")).ThenRejects(DomainErrors.Required, ErrorKind.Validation);

    [Fact]
    public void title_longer_than_the_policy_allows_is_rejected() =>
        Given().When(Declare(title: new string('а', 201))).ThenRejects(DomainErrors.TooLong, ErrorKind.Validation);

    [Fact]
    public void at_least_one_region_is_required() =>
        Given().When(Declare(regions: [])).ThenRejects(DomainErrors.Required);

    [Fact]
    public void unknown_regions_are_rejected() =>
        Given().When(Declare(regions: [Almaty, "KZ-99"])).ThenRejects(DomainErrors.UnknownRegion, ErrorKind.Validation);

    [Fact]
    public void press_officer_of_another_agency_cannot_declare_for_the_lead_agency() =>
        Given().When(Declare(actor: OutsidePressOfficer)).ThenRejects(DomainErrors.NotPressOfficerOfLeadAgency, ErrorKind.Forbidden);

    [Fact]
    public void an_approver_cannot_declare() =>
        Given().When(Declare(actor: Approver)).ThenRejects(DomainErrors.NotPressOfficerOfLeadAgency, ErrorKind.Forbidden);

    [Fact]
    public void commands_to_an_undeclared_incident_are_not_found() =>
        Given().When(new StabilizeIncident(IncidentId, By(PressOfficer), null)).ThenRejects(DomainErrors.IncidentNotFound, ErrorKind.NotFound);

    [Fact]
    public void a_command_naming_another_incident_is_rejected() =>
        Given(Declared()).When(new StabilizeIncident(Guid.NewGuid(), By(PressOfficer), null)).ThenRejects(DomainErrors.IncidentIdMismatch);

    [Fact]
    public void amending_details_records_the_new_details() =>
        Given(Declared())
            .When(new AmendIncidentDetails(IncidentId, By(PressOfficer), "Flood in Almaty region", "Wider area.", IncidentCategory.Geo, [AlmatyRegion, Almaty]))
            .Then(new IncidentDetailsAmended(IncidentId, PressOfficer.UserId, At(30), "Flood in Almaty region", "Wider area.", IncidentCategory.Geo, [AlmatyRegion, Almaty]));

    [Fact]
    public void amending_details_with_an_unknown_region_is_rejected() =>
        Given(Declared())
            .When(new AmendIncidentDetails(IncidentId, By(PressOfficer), "Flood", "", IncidentCategory.Geo, ["KZ-ALA"]))
            .ThenRejects(DomainErrors.UnknownRegion);
}
