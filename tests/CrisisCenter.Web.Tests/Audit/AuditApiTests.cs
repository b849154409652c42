using System.Net;
using System.Net.Http.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Audit;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Audit;

/// <summary>Who did what, when: the incident and user audits read the same facts the store holds, with the identity
/// each command carried.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class AuditApiTests(ApiWithStaff api)
{
    private AgencyStaff Staff => api.Staff;
    private string IdOf(string userName) => Staff.UserIds[userName];

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_incident_audit_names_actor_agency_roles_session_and_command_of_every_event()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        await Staff.PressOfficer.LogSituationUpdateAsync(incident.IncidentId);
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Staff.Approver.ApproveAsync(statement);

        var audit = await Staff.Admin.ReadAllAsync(q => AuditRoutes.ForIncident(incident.IncidentId, q));

        var stored = await StoredAsync(IncidentStreams.For(incident.IncidentId));
        audit.Select(e => e.Position).Should().Equal(stored.Select(e => e.Position), "the audit is the stream, in order");
        audit.Select(e => e.Type).Should().Equal(stored.Select(e => e.Type));
        audit.Should().OnlyContain(e => e.CommandId != null && e.SessionId != null && e.Summary.Length > 0 && e.IncidentId == incident.IncidentId);

        var declared = audit[0];
        declared.Type.Should().Be("incident.declared.v1");
        declared.ActorId.Should().Be(IdOf(AgencyStaff.PressOfficerName));
        declared.AgencyCode.Should().Be(AgencyStaff.LeadAgency);
        declared.Roles.Should().Equal("PressOfficer");
        declared.Summary.Should().StartWith("Incident INC-");
        var approval = audit.Single(e => e.Type == "statement.approved.v1");
        approval.ActorId.Should().Be(IdOf(AgencyStaff.ApproverName));
        approval.Roles.Should().Equal("Approver");
        approval.SessionId.Should().NotBe(declared.SessionId, "another person signed in separately");
        audit.Where(e => e.ActorId == declared.ActorId).Select(e => e.SessionId).Distinct().Should().ContainSingle("one token, one session");
        audit.Select(e => e.CommandId).Distinct().Should().HaveCount(5, "declare, log, draft, submit and approve are five commands");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task pages_follow_each_other_without_gaps_or_repeats()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        for (var i = 0; i < 4; i++) await Staff.PressOfficer.LogSituationUpdateAsync(incident.IncidentId);

        var whole = await Staff.Admin.ReadAllAsync(q => AuditRoutes.ForIncident(incident.IncidentId, q), pageSize: 1000);
        var paged = await Staff.Admin.ReadAllAsync(q => AuditRoutes.ForIncident(incident.IncidentId, q), pageSize: 2);

        whole.Should().HaveCount(5);
        paged.Select(e => e.Position).Should().Equal(whole.Select(e => e.Position));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_user_audit_shows_what_they_did_across_incidents_and_the_directory_with_their_session()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var first = await Staff.OtherAgencyPressOfficer.DeclareIncidentAsync();
        var second = await Staff.OtherAgencyPressOfficer.DeclareIncidentAsync();
        var userName = "audited." + Guid.NewGuid().ToString("N")[..8];
        (await Staff.Admin.PostJsonAsync(ApiRoutes.Users, new
        {
            userName, displayName = "Audited", password = "a long enough pass phrase", agencyCode = "MES", roles = new[] { "Observer" },
        })).StatusCode.Should().Be(HttpStatusCode.Created);

        var press = await Staff.Admin.ReadAllAsync(q => AuditRoutes.ForUser(IdOf(AgencyStaff.OtherAgencyPressOfficerName), q + $"&from={Uri.EscapeDataString(before.ToString("O"))}"));
        press.Where(e => e.Type == "incident.declared.v1").Select(e => e.IncidentId).Should().Contain([first.IncidentId, second.IncidentId]);
        press.Should().OnlyContain(e => e.ActorId == IdOf(AgencyStaff.OtherAgencyPressOfficerName) && e.AgencyCode == AgencyStaff.OtherAgency);

        var admin = await Staff.Admin.ReadAllAsync(q => AuditRoutes.ForUser(IdOf(AgencyStaff.AdminName), q));
        var registration = admin.Should().ContainSingle(e => e.Type == "account.registered.v1" && e.Summary.Contains(userName)).Subject;
        registration.Stream.Should().Be(AccountDirectory.Stream);
        registration.AgencyCode.Should().Be("MCI");
        registration.Roles.Should().Equal("Admin");
        registration.SessionId.Should().NotBeNullOrEmpty("directory facts carry the session of the admin who acted");
        registration.CommandId.Should().NotBeNull();
        registration.Summary.Should().NotContain("AQAAA", "no password hash in a summary");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task from_and_to_bound_the_user_audit()
    {
        await Staff.SecondApprover.GetAsync("/api/approvals"); // a read records nothing
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        var page = await Staff.Admin.GetJsonAsync<AuditPage>(AuditRoutes.ForUser(IdOf(AgencyStaff.PressOfficerName), $"?from={Uri.EscapeDataString(future)}"));
        page.Items.Should().BeEmpty();

        using var reversed = await Staff.Admin.GetAsync(AuditRoutes.ForUser(IdOf(AgencyStaff.PressOfficerName), $"?from={Uri.EscapeDataString(future)}&to=2020-01-01T00:00:00Z"));
        reversed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var badLimit = await Staff.Admin.GetAsync(AuditRoutes.ForUser(IdOf(AgencyStaff.PressOfficerName), "?limit=0"));
        badLimit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_user_reads_their_own_audit_but_not_someone_elses_and_unknown_users_are_404_for_admins()
    {
        await Staff.PressOfficer.DeclareIncidentAsync();
        var own = await Staff.PressOfficer.GetJsonAsync<AuditPage>(AuditRoutes.ForUser(IdOf(AgencyStaff.PressOfficerName)));
        own.Items.Should().NotBeEmpty();

        using var other = await Staff.PressOfficer.GetAsync(AuditRoutes.ForUser(IdOf(AgencyStaff.ApproverName)));
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var unknown = await Staff.Admin.GetAsync(AuditRoutes.ForUser("u-nobody"));
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_restricted_incident_stays_out_of_the_user_audit_of_an_admin_who_may_not_see_it()
    {
        var restricted = await Staff.PressOfficer.DeclareIncidentAsync(visibility: "Restricted");

        var asAdmin = await Staff.Admin.ReadAllAsync(q => AuditRoutes.ForUser(IdOf(AgencyStaff.PressOfficerName), q));
        var asSelf = await Staff.PressOfficer.ReadAllAsync(q => AuditRoutes.ForUser(IdOf(AgencyStaff.PressOfficerName), q));

        asSelf.Should().Contain(e => e.IncidentId == restricted.IncidentId);
        asAdmin.Should().NotContain(e => e.IncidentId == restricted.IncidentId, "the MCI admin may not see a restricted MES incident");
        asAdmin.Should().NotBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_audit_exports_as_csv()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        await Staff.PressOfficer.LogSituationUpdateAsync(incident.IncidentId);

        using var response = await Staff.Approver.GetAsync(AuditRoutes.ForIncident(incident.IncidentId, "?format=csv"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("position,stream,revision,recorded_at,type,actor_id");
        lines.Should().HaveCount(3);
        lines[1].Should().Contain("incident.declared.v1").And.Contain(IdOf(AgencyStaff.PressOfficerName));
    }

    private async Task<List<RecordedEvent>> StoredAsync(string stream)
    {
        var stored = new List<RecordedEvent>();
        await foreach (var e in api.App.Store.ReadStreamAsync(stream)) stored.Add(e);
        return stored;
    }
}
