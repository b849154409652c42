using System.Net.Http.Json;
using System.Text.Json;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>Brings a fresh incident (led by MES, MOH taking part, in KZ-75) into the state a command needs,
/// acting as the lead agency's press officer and approver.</summary>
public sealed class IncidentArrangements(SecurityApp security)
{
    public SecurityApp Security => security;

    private HttpClient Press => security[Staff.LeadPress];
    private HttpClient Approver => security[Staff.LeadApprover];

    public async Task<(Guid Id, string Code)> DeclareAsync(string visibility)
    {
        var accepted = await PostAsync(Press, "/api/incidents", Declaration(visibility));
        return (accepted.GetProperty("incidentId").GetGuid(), accepted.GetProperty("code").GetString()!);
    }

    public static object Declaration(string visibility) => new
    {
        title = "Flooding on the Ili",
        description = "Matrix test incident.",
        category = "Met",
        severity = "Moderate",
        regions = new[] { Staff.IncidentRegion },
        leadAgency = Staff.LeadAgency,
        participatingAgencies = new[] { Staff.ParticipatingAgency },
        visibility,
    };

    public static object Statement() => new
    {
        kind = "Holding",
        content = new Dictionary<string, object>
        {
            ["kk"] = new { headline = "Су тасқыны", body = "Жағдай бақылауда." },
            ["ru"] = new { headline = "Паводок", body = "Ситуация под контролем." },
        },
    };

    public static object SituationUpdate() => new { text = "Water level 4.2 m", language = "ru", source = "Kazhydromet", regionCode = Staff.IncidentRegion, verified = true };

    public static object Rumor() => new { claim = "The dam has burst", whereSeen = "Telegram", firstSeenAt = DateTimeOffset.UtcNow.AddHours(-1), estimatedReach = 1000 };

    public async Task<Guid> DraftAsync(Guid incident) =>
        (await PostAsync(Press, $"/api/incidents/{incident}/statements", Statement())).GetProperty("id").GetGuid();

    public async Task<(Guid Statement, string Hash)> SubmittedAsync(Guid incident)
    {
        var statement = await DraftAsync(incident);
        await PostAsync(Press, $"/api/incidents/{incident}/statements/{statement}/submit", new { revision = 1 });
        return (statement, await HashAsync(incident, statement));
    }

    public async Task<(Guid Statement, string Hash)> ApprovedAsync(Guid incident)
    {
        var (statement, hash) = await SubmittedAsync(incident);
        await PostAsync(Approver, $"/api/incidents/{incident}/statements/{statement}/approve", new { revision = 1, contentHash = hash });
        return (statement, hash);
    }

    public async Task<Guid> UpdateAsync(Guid incident) =>
        (await PostAsync(Press, $"/api/incidents/{incident}/updates", SituationUpdate())).GetProperty("id").GetGuid();

    public async Task<Guid> RumorAsync(Guid incident) =>
        (await PostAsync(Press, $"/api/incidents/{incident}/rumors", Rumor())).GetProperty("id").GetGuid();

    public Task CloseAsync(Guid incident) => PostAsync(Press, $"/api/incidents/{incident}/close", new { summary = "Over." });

    private async Task<string> HashAsync(Guid incident, Guid statement)
    {
        var view = await Press.GetFromJsonAsync<JsonElement>($"/api/incidents/{incident}/statements/{statement}");
        return view.GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await new Probe("POST", path, body).SendAsync(client);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Arranging: POST {path} answered {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
