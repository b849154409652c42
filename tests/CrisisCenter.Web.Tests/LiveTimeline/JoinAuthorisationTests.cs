using System.Net;
using System.Net.Http.Json;
using CrisisCenter.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace CrisisCenter.Web.Tests.LiveTimeline;

[Collection(LiveTimelineCollection.Name)]
public sealed class JoinAuthorisationTests(LiveTimelineNode live)
{
    [Fact]
    public async Task a_restricted_incident_of_another_agency_cannot_be_joined()
    {
        using var moh = await live.SignInAsync(TestUsers.MohOfficer);
        var restricted = await moh.DeclareAsync("Suspected cholera cluster", visibility: "Restricted");
        await using var outsider = await live.ConnectAsync(TestUsers.MesOfficer);

        var join = () => outsider.JoinIncidentAsync(restricted);

        (await join.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain($"no incident {restricted}");
        await Task.Delay(200);
        outsider.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task the_lead_agency_joins_its_restricted_incident()
    {
        using var moh = await live.SignInAsync(TestUsers.MohOfficer);
        var restricted = await moh.DeclareAsync("Hospital water contamination", visibility: "Restricted");
        await using var insider = await live.ConnectAsync(TestUsers.MohOfficer);

        await insider.JoinIncidentAsync(restricted);

        (await insider.WaitForEntryCountAsync(1)).Single().IncidentId.Should().Be(restricted);
    }

    [Fact]
    public async Task an_unknown_incident_cannot_be_joined()
    {
        await using var client = await live.ConnectAsync(TestUsers.MesOfficer);
        var unknown = Guid.NewGuid();

        var join = () => client.JoinIncidentAsync(unknown);

        (await join.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain($"no incident {unknown}");
    }

    [Fact]
    public async Task an_observer_follows_its_own_region_only()
    {
        await using var observer = await live.ConnectAsync(TestUsers.AlmatyObserver);

        await observer.JoinRegionAsync("KZ-75");
        var otherRegion = () => observer.JoinRegionAsync("KZ-71");

        (await otherRegion.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("only your own region (KZ-75)");
    }

    [Fact]
    public async Task a_press_officer_follows_its_own_agency_only_and_no_region()
    {
        await using var officer = await live.ConnectAsync(TestUsers.MesOfficer);

        await officer.JoinAgencyAsync("MES");
        var otherAgency = () => officer.JoinAgencyAsync("MOH");
        var region = () => officer.JoinRegionAsync("KZ-75");

        (await otherAgency.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("only your own agency (MES)");
        await region.Should().ThrowAsync<HubException>();
    }

    [Fact]
    public async Task an_admin_follows_any_region_and_agency()
    {
        await using var admin = await live.ConnectAsync(TestUsers.Admin);

        await admin.JoinRegionAsync("KZ-71");
        await admin.JoinAgencyAsync("MOH");
        var unknownRegion = () => admin.JoinRegionAsync("KZ-00");

        (await unknownRegion.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("no region 'KZ-00'");
    }

    [Fact]
    public async Task a_restricted_incident_reaches_a_region_only_through_its_own_agencies()
    {
        using var moh = await live.SignInAsync(TestUsers.MohOfficer);
        using var mes = await live.SignInAsync(TestUsers.MesOfficer);
        await using var observer = await live.ConnectAsync(TestUsers.AlmatyObserver);
        await using var admin = await live.ConnectAsync(TestUsers.Admin);
        await using var insider = await live.ConnectAsync(TestUsers.MohOfficer);
        await observer.JoinRegionAsync("KZ-75");
        await admin.JoinAgencyAsync("MOH");
        await insider.JoinAgencyAsync("MOH");

        var restricted = await moh.DeclareAsync("Quarantine at a clinic in Almaty", visibility: "Restricted");
        await moh.LogUpdateAsync(restricted, "Twelve patients isolated");
        var open = await mes.DeclareAsync("Power cut in Almaty", participating: ["MOH"]);
        await mes.LogUpdateAsync(open, "Substation repaired");

        var seenByObserver = await observer.WaitForEntriesAsync(e => e.Count(x => x.IncidentId == open) == 2, "both entries of the open incident");
        var seenByAdmin = await admin.WaitForEntriesAsync(e => e.Count(x => x.IncidentId == open) == 2, "both entries of the open incident");
        var seenByInsider = await insider.WaitForEntriesAsync(e => e.Count(x => x.IncidentId == open) == 2, "both entries of the open incident");
        seenByObserver.Should().NotContain(e => e.IncidentId == restricted);
        seenByAdmin.Should().NotContain(e => e.IncidentId == restricted, "an admin of another agency does not see restricted incidents either");
        seenByInsider.Where(e => e.IncidentId == restricted).Should().HaveCount(2);
        seenByInsider.Select(e => e.Position).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task a_connection_without_a_sign_in_is_refused()
    {
        var connect = () => LiveTimelineClient.ConnectAsync(live.App, token: null);

        (await connect.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task browsers_may_give_the_token_as_the_access_token_query_parameter_on_the_hub_only()
    {
        using var session = await live.SignInAsync(TestUsers.MesOfficer);
        using var http = live.App.Anonymous();

        var negotiate = await http.PostAsync($"hubs/timeline/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(session.Token)}", null);
        var anonymous = await http.PostAsync("hubs/timeline/negotiate?negotiateVersion=1", null);
        var api = await http.GetAsync($"api/auth/me?access_token={Uri.EscapeDataString(session.Token)}");

        negotiate.StatusCode.Should().Be(HttpStatusCode.OK, "the hub reads the query token");
        (await negotiate.Content.ReadFromJsonAsync<Dictionary<string, object>>()).Should().ContainKey("connectionToken");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a token in the query string counts only on hub paths");
    }
}
