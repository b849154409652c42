using CrisisCenter.Domain;
using CrisisCenter.Web.LiveTimeline;

namespace CrisisCenter.Web.Tests.LiveTimeline;

public sealed class LiveTimelineAccessTests
{
    private static readonly Actor AlmatyObserver = new("u1", "Observer", "AKIMAT-KZ-75", [Role.Observer], "KZ-75");
    private static readonly Actor AkimatPressOfficer = new("u2", "Akimat officer", "AKIMAT-KZ-71", [Role.PressOfficer]);
    private static readonly Actor MinistryOfficer = new("u3", "MES officer", "MES", [Role.PressOfficer]);
    private static readonly Actor Admin = new("u4", "Admin", "MCI", [Role.Admin]);

    [Fact]
    public void an_observer_may_follow_its_own_region() => LiveTimelineAccess.RefuseRegion(AlmatyObserver, "KZ-75").Should().BeNull();

    [Fact]
    public void an_observer_may_not_follow_another_region() =>
        LiveTimelineAccess.RefuseRegion(AlmatyObserver, "KZ-71").Should().Be("You may follow only your own region (KZ-75).");

    [Fact]
    public void an_akimat_user_follows_the_region_its_akimat_governs()
    {
        LiveTimelineAccess.RefuseRegion(AkimatPressOfficer, "KZ-71").Should().BeNull();
        LiveTimelineAccess.RefuseRegion(AkimatPressOfficer, "KZ-75").Should().NotBeNull();
    }

    [Fact]
    public void a_ministry_press_officer_follows_no_region() =>
        LiveTimelineAccess.RefuseRegion(MinistryOfficer, "KZ-75").Should().StartWith("Only observers and akimat users");

    [Fact]
    public void an_admin_follows_any_known_region_and_agency()
    {
        LiveTimelineAccess.RefuseRegion(Admin, "KZ-63").Should().BeNull();
        LiveTimelineAccess.RefuseAgency(Admin, "MOH").Should().BeNull();
        LiveTimelineAccess.RefuseRegion(Admin, "KZ-00").Should().Be("There is no region 'KZ-00'.");
        LiveTimelineAccess.RefuseAgency(Admin, "NOPE").Should().Be("There is no agency 'NOPE'.");
    }

    [Fact]
    public void everyone_else_follows_only_their_own_agency()
    {
        LiveTimelineAccess.RefuseAgency(MinistryOfficer, "MES").Should().BeNull();
        LiveTimelineAccess.RefuseAgency(AlmatyObserver, "AKIMAT-KZ-75").Should().BeNull();
        LiveTimelineAccess.RefuseAgency(MinistryOfficer, "MOH").Should().Be("You may follow only your own agency (MES).");
    }
}
