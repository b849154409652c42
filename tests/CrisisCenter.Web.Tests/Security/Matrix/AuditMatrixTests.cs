using CrisisCenter.Application.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>Who reads the audit. An incident's: whoever may not see the incident gets 404; of the rest, admins and
/// approvers of the lead or a participating agency get 200, everyone else 403. A user's: admins and the user
/// themselves, 403 for everyone else.</summary>
[Collection(SecurityApp.Collection)]
public sealed class AuditMatrixTests(SecurityApp security)
{
    [Theory]
    [InlineData("Normal")]
    [InlineData("Restricted")]
    public async Task an_incident_audit_is_for_admins_and_approvers_of_its_agencies_who_see_it(string visibility)
    {
        var (incident, _) = await new IncidentArrangements(security).DeclareAsync(visibility);
        var wrong = new List<string>();
        foreach (var member in Staff.Everyone)
        {
            var expected = !Expectations.MaySee(member, visibility) ? 404
                : member.Has("Admin") || (member.Has("Approver") && member.IsOfIncidentAgencies) ? 200
                : 403;
            foreach (var path in new[] { $"/api/incidents/{incident}/audit", $"/api/incidents/{incident}/audit?format=csv" })
            {
                using var response = await security[member].GetAsync(path);
                if ((int)response.StatusCode != expected) wrong.Add($"{member} GET {path}: {(int)response.StatusCode}, expected {expected}");
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task a_user_audit_is_for_admins_and_the_user_themselves()
    {
        var directory = security.App.Services.GetRequiredService<AccountDirectory>();
        var subject = (await directory.FindByUserNameAsync(Staff.LeadPress.UserName))!;
        var wrong = new List<string>();
        foreach (var member in Staff.Everyone)
        {
            var expected = member.Has("Admin") || member == Staff.LeadPress ? 200 : 403;
            using var response = await security[member].GetAsync($"/api/users/{subject.UserId}/audit");
            if ((int)response.StatusCode != expected) wrong.Add($"{member}: {(int)response.StatusCode}, expected {expected}");
        }

        using var anonymous = await security.Anonymous().GetAsync($"/api/users/{subject.UserId}/audit");
        if ((int)anonymous.StatusCode != 401) wrong.Add($"anonymous: {(int)anonymous.StatusCode}");
        wrong.Should().BeEmpty();
    }
}
