using System.Net;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>
/// The hub rows of the matrix: every hub method × every member of <see cref="Staff"/> × normal / restricted incident,
/// over the real SignalR client. A call the rules refuse is answered with a HubException; after an event is published
/// on the incident, each member gets it exactly when the rules say so, checked against a control client that must
/// get it (so a silent hub fails the test instead of passing it).
/// </summary>
[Collection(SecurityApp.Collection)]
public sealed class HubMatrixTests(SecurityApp security)
{
    /// <summary>How long a connection that must not get the event is watched after everyone entitled has it.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(750);

    public static TheoryData<string, string> HubMethodsByVisibility()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in HubExpectations.Methods)
        {
            data.Add(method.Name, "Normal");
            data.Add(method.Name, "Restricted");
        }

        return data;
    }

    [Fact]
    public void the_matrix_covers_every_hub_method()
    {
        HubExpectations.Methods.Select(m => m.Name).Should().Contain(["JoinIncident", "JoinBoard", "JoinRegion", "JoinAgency", "LeaveIncident"]);
        foreach (var method in HubExpectations.Methods)
        {
            foreach (var parameter in method.GetParameters()) HubExpectations.Argument(parameter, Guid.NewGuid());
            HubExpectations.MayCall(Staff.LeadPress, method.Name, "Normal");
        }
    }

    [Theory]
    [MemberData(nameof(HubMethodsByVisibility))]
    public async Task each_member_gets_an_incident_live_exactly_when_the_rules_let_them(string method, string visibility)
    {
        var (incident, _) = await new IncidentArrangements(security).DeclareAsync(visibility);
        var hubMethod = HubExpectations.Methods.Single(m => m.Name == method);
        var arguments = hubMethod.GetParameters().Select(p => HubExpectations.Argument(p, incident)).ToArray();

        var clients = new Dictionary<StaffMember, LiveTimelineClient>();
        await using var control = await ConnectAsync(Staff.LeadPress);
        try
        {
            await control.JoinIncidentAsync(incident);
            var wrong = new List<string>();
            foreach (var member in Staff.Everyone)
            {
                var client = clients[member] = await ConnectAsync(member);
                var allowed = HubExpectations.MayCall(member, method, visibility);
                try
                {
                    await client.Connection.InvokeCoreAsync(method, arguments);
                    if (!allowed) wrong.Add($"{member}: {method} succeeded, must be refused");
                }
                catch (HubException refused)
                {
                    if (allowed) wrong.Add($"{member}: {method} refused ({refused.Message}), must succeed");
                }
            }

            var position = await LogUpdateAsync(incident);
            await control.WaitForEntriesAsync(e => e.Any(x => x.Position == position), "the control client gets the published update");
            foreach (var (member, client) in clients.Where(c => HubExpectations.Receives(c.Key, method, visibility)))
            {
                try
                {
                    await WaitForIncidentAsync(client, incident, position, method);
                }
                catch (TimeoutException)
                {
                    wrong.Add($"{member}: never got the update after {method}");
                }
            }

            await Task.Delay(Quiet);
            foreach (var (member, client) in clients.Where(c => !HubExpectations.Receives(c.Key, method, visibility)))
            {
                var entries = client.Entries.Count(e => e.IncidentId == incident);
                var rows = client.Board.Count(b => b.Id == incident);
                if (entries + rows > 0) wrong.Add($"{member}: got {entries} timeline entries and {rows} board rows of the incident after {method}, must get none");
            }

            wrong.Should().BeEmpty($"{method} on a {visibility} incident follows the rules for everyone");
        }
        finally
        {
            foreach (var client in clients.Values) await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task a_connection_without_a_valid_sign_in_is_refused(string? token)
    {
        var connect = () => LiveTimelineClient.ConnectAsync(security.App, token);

        (await connect.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>A disabled user's token stops opening connections at once. A connection opened before the user was
    /// disabled is not cut by the hub today (it checks the sign-in when the connection opens).</summary>
    [Fact]
    public async Task a_disabled_user_can_no_longer_connect()
    {
        var directory = security.App.Services.GetRequiredService<AccountDirectory>();
        var user = await directory.RegisterAsync(new NewAccount("sec.hub.disabled." + Guid.NewGuid().ToString("N")[..6], "Soon disabled", Hosting.CrisisCenterApp.Password, Staff.LeadAgency, ["PressOfficer"]), "tests");
        using var signedIn = await security.SignInAsync(user.UserName);
        var token = signedIn.DefaultRequestHeaders.Authorization!.Parameter;
        await using (var before = await LiveTimelineClient.ConnectAsync(security.App, token))
        {
            await before.JoinBoardAsync();
        }

        await directory.DisableAsync(user.UserId, "Left the agency.", "tests");
        var connect = () => LiveTimelineClient.ConnectAsync(security.App, token);

        (await connect.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private Task<LiveTimelineClient> ConnectAsync(StaffMember member) =>
        LiveTimelineClient.ConnectAsync(security.App, security[member].DefaultRequestHeaders.Authorization!.Parameter);

    private static Task WaitForIncidentAsync(LiveTimelineClient client, Guid incident, long position, string method) =>
        method == "JoinBoard"
            ? client.WaitForBoardAsync(rows => rows.Any(r => r.Id == incident), "the incident's board row")
            : client.WaitForEntriesAsync(entries => entries.Any(e => e.IncidentId == incident && e.Position == position), "the published update");

    private async Task<long> LogUpdateAsync(Guid incident)
    {
        using var response = await new Probe("POST", $"/api/incidents/{incident}/updates", IncidentArrangements.SituationUpdate()).SendAsync(security[Staff.LeadPress]);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonDocument.Parse(text).RootElement.GetProperty("position").GetInt64();
    }
}
