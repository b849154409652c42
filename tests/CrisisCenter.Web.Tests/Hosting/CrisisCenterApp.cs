using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using CrisisCenter.Application.Accounts;
using CrisisCenter.EventStore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>
/// The real app on real Kestrel (a free loopback port) with its co-hosted silo on free ports and its SQLite store
/// in <see cref="DataDirectory"/>. Start another instance on the same directory to restart "the same machine",
/// or two at once for two nodes on one store.
/// </summary>
public sealed class CrisisCenterApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private CrisisCenterApp(WebApplicationFactory<Program> factory, string dataDirectory, Uri baseAddress)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;
    public IEventStore Store => Services.GetRequiredService<IEventStore>();

    public static Task<CrisisCenterApp> StartAsync(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        dataDirectory ??= NewDataDirectory();
        var port = FreePort();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            // factory.UseKestrel(port) alone is lost through WithWebHostBuilder (the app then binds localhost:5000,
            // so a second app, or anything else on 5000, fails to start): name the address here.
            web.UseUrls($"http://127.0.0.1:{port}");
            web.UseSetting("CrisisCenter:DataDirectory", dataDirectory);
            web.UseSetting("CrisisCenter:SeedDemo", "false");
            web.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Orleans:ClusterId", "test-" + Guid.NewGuid().ToString("N")[..8]);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) web.UseSetting(key, value);
        });
        factory.UseKestrel(port);
        factory.StartServer();
        return Task.FromResult(new CrisisCenterApp(factory, dataDirectory, factory.ClientOptions.BaseAddress));
    }

    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "crisiscenter-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Creates an account directly in the directory (as an admin or the CLI would).</summary>
    public Task<UserAccount> CreateUserAsync(string userName, string agency, params string[] roles) =>
        Services.GetRequiredService<AccountDirectory>().RegisterAsync(new NewAccount(userName, userName, Password, agency, roles), "test");

    public Task<UserAccount> CreateObserverAsync(string userName, string agency, string region, bool canLogRegionalUpdates) =>
        Services.GetRequiredService<AccountDirectory>().RegisterAsync(new NewAccount(userName, userName, Password, agency, ["Observer"], region, canLogRegionalUpdates), "test");

    public const string Password = "correct-horse-battery";

    /// <summary>A plain HTTP client (no credentials).</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An API client signed in with a bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed record TokenResponse(string AccessToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
