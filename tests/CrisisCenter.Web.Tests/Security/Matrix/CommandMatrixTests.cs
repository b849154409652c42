using CrisisCenter.Grains.Incidents;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>
/// Every incident command × every role × agency inside / outside × normal / restricted incident. Each case brings a
/// fresh incident into a state where the command would succeed, has everyone not entitled try it (403, or 404 where
/// the incident must not exist for them; the incident's stream unchanged), then each entitled person (2xx) — so a
/// refusal is never explained by a state in which nobody could have succeeded.
/// </summary>
[Collection(SecurityApp.Collection)]
public sealed class CommandMatrixTests(SecurityApp security)
{
    private sealed record Case(IReadOnlyList<StaffMember> Entitled, Func<IncidentArrangements, Guid, Task<Probe>> Arrange);

    private static readonly StaffMember[] LeadPressOnly = [Staff.LeadPress];
    private static readonly StaffMember[] IncidentPress = [Staff.LeadPress, Staff.ParticipantPress];

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["amend details"] = new(LeadPressOnly, (_, id) => Task.FromResult(new Probe("PUT", $"/api/incidents/{id}/details",
            new { title = "Flooding on the Ili (amended)", description = "Amended.", category = "Met", regions = new[] { Staff.IncidentRegion } }))),
        ["change severity"] = new(LeadPressOnly, (_, id) => Task.FromResult(new Probe("POST", $"/api/incidents/{id}/severity", new { severity = "Severe", reason = "Spreading." }))),
        ["add agency"] = new(LeadPressOnly, (_, id) => Task.FromResult(new Probe("POST", $"/api/incidents/{id}/agencies", new { agencyCode = "MENR" }))),
        ["remove agency"] = new(LeadPressOnly, (_, id) => Task.FromResult(new Probe("DELETE", $"/api/incidents/{id}/agencies/{Staff.ParticipatingAgency}"))),
        ["stabilize"] = new(LeadPressOnly, (_, id) => Task.FromResult(new Probe("POST", $"/api/incidents/{id}/stabilize", new { note = "Water receding." }))),
        ["close"] = new(LeadPressOnly, (_, id) => Task.FromResult(new Probe("POST", $"/api/incidents/{id}/close", new { summary = "Over." }))),
        ["reopen"] = new(LeadPressOnly, async (a, id) =>
        {
            await a.CloseAsync(id);
            return new Probe("POST", $"/api/incidents/{id}/reopen", new { reason = "Second wave." });
        }),
        ["draft statement"] = new(IncidentPress, (_, id) => Task.FromResult(new Probe("POST", $"/api/incidents/{id}/statements", IncidentArrangements.Statement()))),
        ["revise statement"] = new(IncidentPress, async (a, id) =>
        {
            var statement = await a.DraftAsync(id);
            return new Probe("POST", $"/api/incidents/{id}/statements/{statement}/revisions",
                new { content = new Dictionary<string, object> { ["kk"] = new { headline = "Жаңа", body = "Жаңа мәтін." }, ["ru"] = new { headline = "Новое", body = "Новый текст." } } });
        }),
        ["submit statement"] = new(IncidentPress, async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/statements/{await a.DraftAsync(id)}/submit", new { revision = 1 })),
        ["approve statement"] = new([Staff.LeadApprover], async (a, id) =>
        {
            var (statement, hash) = await a.SubmittedAsync(id);
            return new Probe("POST", $"/api/incidents/{id}/statements/{statement}/approve", new { revision = 1, contentHash = hash });
        }),
        ["reject statement"] = new([Staff.LeadApprover], async (a, id) =>
        {
            var (statement, _) = await a.SubmittedAsync(id);
            return new Probe("POST", $"/api/incidents/{id}/statements/{statement}/reject", new { revision = 1, reason = "Too vague." });
        }),
        ["publish statement"] = new(IncidentPress, async (a, id) =>
        {
            var (statement, hash) = await a.ApprovedAsync(id);
            return new Probe("POST", $"/api/incidents/{id}/statements/{statement}/publish", new { revision = 1, contentHash = hash, channels = new[] { "website" } });
        }),
        ["retry channel post"] = new(IncidentPress, async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/channel-posts/{await a.AbandonedPostAsync(id)}/retry", new { note = "The partner is back." })),
        ["resend uncertain channel post"] = new(IncidentPress, async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/channel-posts/{await a.UncertainPostAsync(id)}/retry", new { note = "Not in the channel." })),
        ["confirm channel post delivered"] = new(IncidentPress, async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/channel-posts/{await a.UncertainPostAsync(id)}/confirm-delivered", new { externalId = "1001", url = "https://t.me/mes_kz/1001", note = "Seen in the channel." })),
        ["log situation update"] = new([Staff.LeadPress, Staff.ParticipantPress, Staff.RegionObserver], (_, id) =>
            Task.FromResult(new Probe("POST", $"/api/incidents/{id}/updates", IncidentArrangements.SituationUpdate()))),
        ["correct situation update"] = new([Staff.LeadPress, Staff.ParticipantPress, Staff.RegionObserver], async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/updates/{await a.UpdateAsync(id)}/corrections", new { text = "Water level 4.4 m", reason = "Re-measured.", verified = true })),
        ["log rumour"] = new(IncidentPress, (_, id) => Task.FromResult(new Probe("POST", $"/api/incidents/{id}/rumors", IncidentArrangements.Rumor()))),
        ["assess rumour"] = new(IncidentPress, async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/rumors/{await a.RumorAsync(id)}/assess", new { verdict = "False", evidence = "The dam operator's report." })),
        ["close rumour"] = new(IncidentPress, async (a, id) =>
            new Probe("POST", $"/api/incidents/{id}/rumors/{await a.RumorAsync(id)}/close", new { reason = "No longer spreading." })),
    };

    public static TheoryData<string, string> CommandsByVisibility()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, "Normal");
            data.Add(name, "Restricted");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsByVisibility))]
    public async Task only_the_entitled_succeed(string command, string visibility)
    {
        var @case = Cases[command];
        // Nobody acts on what does not exist for them: on a restricted incident the regional observer is an outsider.
        var entitled = @case.Entitled.Where(m => Expectations.MaySee(m, visibility)).ToList();
        var arrange = new IncidentArrangements(security);
        var (incident, _) = await arrange.DeclareAsync(visibility);
        var probe = await @case.Arrange(arrange, incident);
        var revisionBefore = await RevisionAsync(incident);

        var wrong = new List<string>();
        foreach (var member in Staff.Everyone.Except(entitled))
        {
            using var response = await probe.SendAsync(security[member]);
            var expected = Expectations.Refusal(member, visibility);
            if ((int)response.StatusCode != expected) wrong.Add($"{member}: {(int)response.StatusCode}, expected {expected} ({await response.Content.ReadAsStringAsync()})");
        }

        wrong.Should().BeEmpty($"{probe} on a {visibility} incident is refused to everyone not entitled");
        (await RevisionAsync(incident)).Should().Be(revisionBefore, "a refused command appends nothing");

        for (var i = 0; i < entitled.Count; i++)
        {
            if (i > 0)
            {
                (incident, _) = await arrange.DeclareAsync(visibility);
                probe = await @case.Arrange(arrange, incident);
            }

            using var response = await probe.SendAsync(security[entitled[i]]);
            response.IsSuccessStatusCode.Should().BeTrue($"{entitled[i]} may {command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task only_a_press_officer_of_the_named_lead_agency_declares()
    {
        var probe = new Probe("POST", "/api/incidents", IncidentArrangements.Declaration("Normal"));
        var wrong = new List<string>();
        foreach (var member in Staff.Everyone.Where(m => m != Staff.LeadPress))
        {
            using var response = await probe.SendAsync(security[member]);
            if ((int)response.StatusCode != 403) wrong.Add($"{member}: {(int)response.StatusCode}");
        }

        wrong.Should().BeEmpty();
        using var declared = await probe.SendAsync(security[Staff.LeadPress]);
        ((int)declared.StatusCode).Should().Be(201);
    }

    private Task<long?> RevisionAsync(Guid incident) => security.App.Store.GetStreamRevisionAsync(IncidentStreams.For(incident));
}
