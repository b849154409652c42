using System.Collections.Concurrent;
using System.Net;
using CrisisCenter.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Web.Tests.Api.ChannelPosts;

/// <summary>
/// A partner's webhook endpoint on real Kestrel (loopback): answers 503 while <see cref="IsDown"/>, otherwise checks
/// the signature and counts deliveries per idempotency key.
/// </summary>
public sealed class PartnerEndpoint : IAsyncDisposable
{
    public const string Secret = "partner-secret-of-the-api-tests";
    private readonly ConcurrentDictionary<string, int> _delivered = new();
    private WebApplication _app = null!;

    public Uri Url { get; private set; } = null!;
    public volatile bool IsDown = true;
    public int BadSignatures;

    public int DeliveredFor(string key) => _delivered.GetValueOrDefault(key);

    public IReadOnlyCollection<string> Keys => [.. _delivered.Keys];

    public static async Task<PartnerEndpoint> StartAsync()
    {
        var partner = new PartnerEndpoint();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        partner._app = builder.Build();
        partner._app.MapPost("/hooks", partner.HandleAsync);
        await partner._app.StartAsync();
        var address = partner._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        partner.Url = new Uri(address.TrimEnd('/') + "/hooks");
        return partner;
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (IsDown)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync("Down for maintenance");
            return;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        if (!WebhookSignature.Verify(Secret, http.Request.Headers[WebhookSignature.TimestampHeader], http.Request.Headers[WebhookSignature.SignatureHeader],
                buffer.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
        {
            Interlocked.Increment(ref BadSignatures);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        _delivered.AddOrUpdate(http.Request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString(), 1, (_, n) => n + 1);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
