namespace CrisisCenter.Domain.Tests.Actors;

/// <summary>Who may see an incident: the one rule the incident itself and every reader apply.</summary>
public class IncidentVisibilityTests
{
    private const string Almaty = "KZ-75";

    private static bool CanSee(Actor actor, Visibility visibility) =>
        IncidentVisibility.CanSee(actor, visibility, leadAgency: "MES", participatingAgencies: ["MOH"], regions: [Almaty]);

    [Fact]
    public void a_restricted_incident_is_seen_by_its_own_agencies_only_whatever_the_role()
    {
        CanSee(new Actor("u1", "Lead observer", "MES", [Role.Observer]), Visibility.Restricted).Should().BeTrue();
        CanSee(new Actor("u2", "Partner observer", "MOH", [Role.Observer]), Visibility.Restricted).Should().BeTrue();
        CanSee(new Actor("u3", "Outside admin", "MCI", [Role.Admin, Role.PressOfficer]), Visibility.Restricted).Should().BeFalse();
    }

    [Fact]
    public void an_observer_sees_a_normal_incident_of_the_region_its_akimat_governs()
    {
        var akimatObserver = new Actor("u4", "Almaty akimat", Akimats.CodeFor(Almaty), [Role.Observer]);
        var otherAkimatObserver = new Actor("u5", "Astana akimat", Akimats.CodeFor("KZ-71"), [Role.Observer]);

        CanSee(akimatObserver, Visibility.Normal).Should().BeTrue();
        CanSee(otherAkimatObserver, Visibility.Normal).Should().BeFalse();
        CanSee(otherAkimatObserver with { RegionCode = Almaty }, Visibility.Normal).Should().BeTrue("the region on the account comes first");
    }

    [Fact]
    public void the_platform_sees_every_incident() =>
        CanSee(Actor.System, Visibility.Restricted).Should().BeTrue();

    [Theory]
    [InlineData("AKIMAT-KZ-75", "KZ-75")]
    [InlineData("AKIMAT-KZ-00", null)]
    [InlineData("MES", null)]
    [InlineData(null, null)]
    public void an_akimat_code_names_a_known_region_and_nothing_else_does(string? agencyCode, string? region) =>
        Akimats.RegionOf(agencyCode).Should().Be(region);
}
