using System.Net;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

/// <summary>
/// An in-process gRPC server on 127.0.0.1 speaking our Streams contract over h2c, scripted by the test through
/// <see cref="ScriptedStreams"/>. It stands in for the server's transport (headers, trailers, dropped calls,
/// redirects), not for its storage semantics: those are checked by the contract suite against a real server.
/// </summary>
internal sealed class FakeStreamsNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeStreamsNode(WebApplication app, Streams.StreamsBase service, int port)
    {
        _app = app;
        Service = service;
        Endpoint = new EventStoreDbEndpoint("127.0.0.1", port);
    }

    public Streams.StreamsBase Service { get; }
    public ScriptedStreams Streams => (ScriptedStreams)Service;
    public EventStoreDbEndpoint Endpoint { get; }

    public static Task<FakeStreamsNode> StartAsync() => StartAsync(new ScriptedStreams());

    /// <summary>Starts the node on a free loopback port: h2c, or TLS with <paramref name="certificate"/>.</summary>
    public static async Task<FakeStreamsNode> StartAsync<TService>(TService service, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
        where TService : Streams.StreamsBase
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<TService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeStreamsNode(app, service, new Uri(address).Port);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>A loopback port with nothing listening on it.</summary>
    public static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
