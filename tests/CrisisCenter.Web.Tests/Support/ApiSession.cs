using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Support;

/// <summary>A signed-in user talking to one node's HTTP API with a bearer token from POST /api/auth/token.</summary>
public sealed class ApiSession : IDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly HttpClient _http;

    private ApiSession(HttpClient http, string token)
    {
        _http = http;
        Token = token;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Token { get; }

    public static async Task<ApiSession> SignInAsync(CrisisCenterApp app, NewAccount account)
    {
        var http = app.Anonymous();
        var response = await http.PostAsJsonAsync("api/auth/token", new { userName = account.UserName, password = account.Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return new ApiSession(http, token);
    }

    /// <summary>Declares an incident led by the user's agency; returns its id.</summary>
    public async Task<Guid> DeclareAsync(string title, string[]? regions = null, string visibility = "Normal", string[]? participating = null)
    {
        var accepted = await PostAsync("api/incidents", new
        {
            title,
            description = "Declared by the live timeline tests.",
            category = "Met",
            severity = "Moderate",
            regions = regions ?? ["KZ-75"],
            participatingAgencies = participating ?? [],
            visibility,
        });
        return accepted.IncidentId;
    }

    /// <summary>Logs a situation update; returns the global position of its event.</summary>
    public async Task<long> LogUpdateAsync(Guid incidentId, string text)
    {
        var accepted = await PostAsync($"api/incidents/{incidentId:D}/updates", new { text, language = "ru", source = "Kazhydromet", regionCode = "KZ-75", verified = true });
        return accepted.Position;
    }

    public async Task<CommandAccepted> PostAsync(string path, object body)
    {
        var response = await _http.PostAsJsonAsync(path, body, Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<CommandAccepted>(Json))!;
    }

    public void Dispose() => _http.Dispose();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }
}
