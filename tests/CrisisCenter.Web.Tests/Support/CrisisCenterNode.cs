using System.Net;
using CrisisCenter.Web.LiveTimeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CrisisCenter.Web.Tests.Support;

/// <summary>
/// One CrisisCenter web node on real Kestrel, on a free loopback port, over the SQLite store in
/// <paramref name="dataDirectory"/>, demo seed off. Its co-hosted silo is a one-silo cluster of its own (free silo
/// and gateway ports, its own cluster id), so two nodes in one test process never meet as silos: they share only
/// the store file, which is all the live timeline relies on.
/// </summary>
public sealed class CrisisCenterNode(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _gatewayPort = FreePorts.Next();
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];

    public string DataDirectory { get; } = dataDirectory;

    /// <summary>http://127.0.0.1:{port}/ of the running node.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri HubAddress => new(BaseAddress, TimelineHubContract.Route);

    /// <summary>Starts the host (Kestrel, silo, projections) and waits until it serves.</summary>
    public CrisisCenterNode Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return this;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("CrisisCenter:DataDirectory", DataDirectory);
        builder.UseSetting("CrisisCenter:SeedDemo", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = IPAddress.Loopback;
                endpoints.SiloPort = _siloPort;
                endpoints.GatewayPort = _gatewayPort;
            });
            services.Configure<DevelopmentClusterMembershipOptions>(membership => membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, _siloPort));
            services.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = _clusterId;
                cluster.ServiceId = _clusterId;
            });
        });
    }
}
