using System.Net;
using System.Net.Http.Json;
using CrisisCenter.Web.Api;

namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>Commands the hosting, cluster and migration tests send through the public API, and what the API answers.</summary>
public static class IncidentCommands
{
    public static async Task<CommandAccepted> DeclareAsync(this HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", new
        {
            title,
            description = "Water level of the Ural river rising near Atyrau.",
            category = "Met",
            severity = "Moderate",
            regions = new[] { "KZ-23" },
        });
        return await AcceptedAsync(response, HttpStatusCode.Created);
    }

    public static async Task<CommandAccepted> LogUpdateAsync(this HttpClient client, Guid incidentId, string text)
    {
        var response = await client.PostAsJsonAsync($"/api/incidents/{incidentId}/updates", new
        {
            text,
            language = "en",
            source = "Kazhydromet",
            regionCode = "KZ-23",
            verified = true,
        });
        return await AcceptedAsync(response, HttpStatusCode.Created);
    }

    public static async Task<CommandAccepted> DraftStatementAsync(this HttpClient client, Guid incidentId)
    {
        var response = await client.PostAsJsonAsync($"/api/incidents/{incidentId}/statements", new
        {
            kind = "Holding",
            content = new Dictionary<string, object>
            {
                ["kk"] = new { headline = "Жайық өзеніндегі су тасқыны", body = "ТЖМ жағдайды бақылап отыр.", instruction = "Өзен жағасына жақындамаңыз." },
                ["ru"] = new { headline = "Паводок на реке Урал", body = "МЧС следит за ситуацией.", instruction = "Не приближайтесь к берегу." },
            },
        });
        return await AcceptedAsync(response, HttpStatusCode.Created);
    }

    private static async Task<CommandAccepted> AcceptedAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return (await response.Content.ReadFromJsonAsync<CommandAccepted>())!;
    }
}
