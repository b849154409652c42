using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security;

/// <summary>One real app (Kestrel, SQLite, silo) with the whole <see cref="Staff"/> signed in with bearer tokens.</summary>
public sealed class SecurityApp : IAsyncLifetime
{
    public const string Collection = "security app";

    private readonly Dictionary<StaffMember, HttpClient> _clients = [];

    public CrisisCenterApp App { get; private set; } = null!;

    public HttpClient this[StaffMember member] => _clients[member];

    public HttpClient Anonymous() => App.Anonymous();

    public async Task InitializeAsync()
    {
        // The partner the matrix publishes to (for tomorrow, so nothing is sent): publishing names configured channels only.
        App = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
        {
            [$"Channels:Targets:{Matrix.ChannelPostArrangements.Channel}:Kind"] = "Webhook",
            [$"Channels:Targets:{Matrix.ChannelPostArrangements.Channel}:Url"] = "http://127.0.0.1:9/matrix-partner",
            [$"Channels:Targets:{Matrix.ChannelPostArrangements.Channel}:Secret"] = "matrix-partner-secret-0123456789",
            // Statements only: a partner taking incident.updated gets a notice (and a stored attempt) after every
            // incident change, in the background, which would move the store's head under the "appends nothing" checks.
            [$"Channels:Targets:{Matrix.ChannelPostArrangements.Channel}:Events:0"] = "statement.published",
            [$"Channels:Targets:{Matrix.ChannelPostArrangements.Channel}:Events:1"] = "statement.corrected",
            [$"Channels:Targets:{Matrix.ChannelPostArrangements.Channel}:Events:2"] = "statement.retracted",
        });
        var directory = App.Services.GetRequiredService<AccountDirectory>();
        foreach (var member in Staff.Everyone)
        {
            await directory.RegisterAsync(member.ToAccount(), "tests");
            _clients[member] = await SignInAsync(member.UserName);
        }
    }

    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = App.Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = CrisisCenterApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(SecurityApp.Collection)]
public sealed class SecurityAppCollection : ICollectionFixture<SecurityApp>;
