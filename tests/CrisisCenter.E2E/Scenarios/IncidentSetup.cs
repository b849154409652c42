using System.Text.Json;
using CrisisCenter.E2E.Browser;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>Preparing data through the HTTP API as the signed-in user, for tests whose subject is a later step.</summary>
public static class IncidentSetup
{
    public static async Task<string> DeclareAsync(
        UserSession pressOfficer, string title, string severity = "Moderate", string leadAgency = "MES", string visibility = "Normal",
        string description = "Heavy rain and snowmelt in the foothills; services are on alert.")
    {
        var accepted = await pressOfficer.PostAsync("/api/incidents", new
        {
            title,
            description,
            category = "Geo",
            severity,
            regions = new[] { "KZ-75" },
            leadAgency,
            participatingAgencies = visibility == "Restricted" ? Array.Empty<string>() : ["AKIMAT-KZ-75"],
            visibility,
            requiredLanguages = new[] { "kk", "ru" },
            isPublicWarning = true,
        });
        return IdOf(accepted);
    }

    public static async Task<string> DraftAsync(UserSession pressOfficer, string incidentId, object content, string kind = "Holding")
    {
        var accepted = await pressOfficer.PostAsync($"/api/incidents/{incidentId}/statements", new { kind, content });
        return IdOf(accepted);
    }

    public static Task SubmitAsync(UserSession pressOfficer, string incidentId, string statementId, int revision) =>
        pressOfficer.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/submit", new { revision });

    public static object Text(string headline, string body, string? instruction = null) => new { headline, body, instruction };

    private static string IdOf(JsonElement accepted) =>
        accepted.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : accepted.GetProperty("incidentId").GetString()!;
}
