using System.Net.Http.Json;
using System.Text.Json;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>Every read of one incident × every role × agency inside / outside × normal / restricted: 200 exactly for
/// those who may see it, 404 for everyone else (never 403: that would say the incident exists).</summary>
[Collection(SecurityApp.Collection)]
public sealed class ReadMatrixTests(SecurityApp security)
{
    [Theory]
    [InlineData("Normal")]
    [InlineData("Restricted")]
    public async Task an_incident_and_all_its_reads_exist_only_for_those_who_may_see_it(string visibility)
    {
        var arrange = new IncidentArrangements(security);
        var (incident, _) = await arrange.DeclareAsync(visibility);
        var statement = await arrange.DraftAsync(incident);
        string[] reads =
        [
            $"/api/incidents/{incident}",
            $"/api/incidents/{incident}/statements",
            $"/api/incidents/{incident}/statements/{statement}",
            $"/api/incidents/{incident}/timeline",
            $"/api/incidents/{incident}/kpis",
        ];

        var wrong = new List<string>();
        foreach (var member in Staff.Everyone)
        {
            var expected = Expectations.MaySee(member, visibility) ? 200 : 404;
            foreach (var path in reads)
            {
                using var response = await security[member].GetAsync(path);
                if ((int)response.StatusCode != expected) wrong.Add($"{member} GET {path}: {(int)response.StatusCode}, expected {expected}");
            }
        }

        wrong.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Normal")]
    [InlineData("Restricted")]
    public async Task the_board_lists_an_incident_only_to_those_who_may_see_it(string visibility)
    {
        var (_, code) = await new IncidentArrangements(security).DeclareAsync(visibility);
        var wrong = new List<string>();
        foreach (var member in Staff.Everyone)
        {
            var page = await security[member].GetFromJsonAsync<JsonElement>($"/api/incidents?q={code}");
            var listed = page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("code").GetString() == code);
            if (listed != Expectations.MaySee(member, visibility)) wrong.Add($"{member}: listed = {listed}");
        }

        wrong.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Normal")]
    [InlineData("Restricted")]
    public async Task only_admins_who_may_see_the_incident_verify_its_hash_chain(string visibility)
    {
        var (incident, _) = await new IncidentArrangements(security).DeclareAsync(visibility);
        var wrong = new List<string>();
        foreach (var member in Staff.Everyone)
        {
            var expected = !Expectations.MaySee(member, visibility) ? 404 : member.Has("Admin") ? 200 : 403;
            using var response = await security[member].GetAsync($"/api/incidents/{incident}/verify");
            if ((int)response.StatusCode != expected) wrong.Add($"{member}: {(int)response.StatusCode}, expected {expected}");
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task a_statement_awaits_approval_only_with_approvers_of_the_lead_agency()
    {
        var arrange = new IncidentArrangements(security);
        var (incident, _) = await arrange.DeclareAsync("Normal");
        var (statement, _) = await arrange.SubmittedAsync(incident);

        var wrong = new List<string>();
        foreach (var member in Staff.Everyone)
        {
            var queue = await security[member].GetFromJsonAsync<JsonElement>("/api/approvals");
            var listed = queue.EnumerateArray().Any(i => i.GetProperty("statementId").GetGuid() == statement);
            if (listed != (member == Staff.LeadApprover)) wrong.Add($"{member}: listed = {listed}");
        }

        wrong.Should().BeEmpty();
    }
}
