using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using CrisisCenter.Application.Accounts;
using CrisisCenter.EventStore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
    /// <summary>Bounds a start, so a host that hangs (a silo that never joins) fails the test instead of the run.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsDataDirectory;

    private CrisisCenterApp(WebApplicationFactory<Program> factory, string dataDirectory, bool ownsDataDirectory, Uri baseAddress)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        BaseAddress = baseAddress;
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;
    public IEventStore Store => Services.GetRequiredService<IEventStore>();

    /// <summary>Starts the app on <paramref name="dataDirectory"/>, or on a new temporary one that is deleted when the app
    /// is disposed. A directory given by the caller is left in place (to start the app on it again).</summary>
    public static async Task<CrisisCenterApp> StartAsync(string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ownsDataDirectory = dataDirectory is null;
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
            // Besides the configuration's website and cap: a Telegram channel with a chat per language, switched
            // off, so tests can publish to a channel whose posts never go out (each is Abandoned as switched off).
            foreach (var (key, value) in SwitchedOffTelegram) web.UseSetting(key, value);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) web.UseSetting(key, value);
        });
        factory.UseKestrel(port);
        await Task.Run(factory.StartServer).WaitAsync(StartTimeout);
        var bound = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
                    ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new CrisisCenterApp(factory, dataDirectory, ownsDataDirectory, new Uri(bound));
    }

    /// <summary>The code of the switched-off Telegram channel every test app has.</summary>
    public const string SwitchedOffTelegramChannel = "telegram";

    private static readonly Dictionary<string, string> SwitchedOffTelegram = new()
    {
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:Kind"] = "Telegram",
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:Enabled"] = "false",
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:BotToken"] = "123456:switched-off",
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:ApiBaseUrl"] = "http://127.0.0.1:9/",
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:Chats:kk"] = "@test_kk",
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:Chats:ru"] = "@test_ru",
        [$"Channels:Targets:{SwitchedOffTelegramChannel}:Chats:en"] = "@test_en",
    };

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

    /// <summary>A client of this app carrying a bearer token issued earlier, e.g. by an earlier run on the same data directory.</summary>
    public HttpClient Authenticated(AuthenticationHeaderValue token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    /// <summary>An API client signed in with a bearer token.</summary>
    public Task<HttpClient> SignInAsync(string userName) => SignInAsync(userName, Password);

    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (!_ownsDataDirectory) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open (a pooled SQLite connection) only leaves a temp folder behind.
        }
    }

    private sealed record TokenResponse(string AccessToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
