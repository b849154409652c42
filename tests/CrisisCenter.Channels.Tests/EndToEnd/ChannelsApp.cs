using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CrisisCenter.Channels.Delivery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Channels.Tests.EndToEnd;

/// <summary>The real app on Kestrel with its own data directory and silo ports (as tests/CrisisCenter.Web.Tests does),
/// with channel settings; commands go straight to the incident grains as the platform's own callers would.</summary>
public sealed class ChannelsApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private ChannelsApp(WebApplicationFactory<Program> factory, string dataDirectory)
    {
        this.factory = factory;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }
    public IServiceProvider Services => factory.Services;
    public IIncidentGateway Incidents => new IncidentGrainGateway(Services.GetRequiredService<IGrainFactory>());

    public HttpClient Anonymous() => new() { BaseAddress = factory.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <param name="publicBaseUrl">false leaves Channels:PublicBaseUrl unset, as shipped: links come from each request.</param>
    public static ChannelsApp Start(IReadOnlyDictionary<string, string?> settings, string? dataDirectory = null, bool publicBaseUrl = true)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "crisiscenter-channels-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            // factory.UseKestrel(port) alone is lost through WithWebHostBuilder (the app would bind localhost:5000).
            web.UseUrls($"http://127.0.0.1:{port}");
            web.UseSetting("CrisisCenter:DataDirectory", dataDirectory);
            web.UseSetting("CrisisCenter:SeedDemo", "false");
            web.UseSetting("Orleans:SiloPort", FreePort());
            web.UseSetting("Orleans:GatewayPort", FreePort());
            web.UseSetting("Orleans:ClusterId", "channels-" + Guid.NewGuid().ToString("N")[..8]);
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            if (publicBaseUrl) web.UseSetting("Channels:PublicBaseUrl", "https://emergency.example.kz/");
            web.UseSetting("Channels:Dispatch:BaseDelay", "00:00:00.050");
            web.UseSetting("Channels:Dispatch:MaxDelay", "00:00:00.300");
            web.UseSetting("Channels:Dispatch:AttemptTimeout", "00:00:05");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
        factory.UseKestrel(int.Parse(port, CultureInfo.InvariantCulture));
        factory.StartServer();
        return new ChannelsApp(factory, dataDirectory);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
