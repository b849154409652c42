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

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>
/// A partner's webhook endpoint on real Kestrel (loopback, free port), built as the Channels README tells partners:
/// verifies the signature over the raw body with the secret the partner was given (<see cref="WebhookSignature.Verify"/>)
/// and counts correctly signed deliveries per idempotency key; a request it cannot verify is answered 401 and counted.
/// While <see cref="IsDown"/> it answers 503 to everything (a partner in maintenance).
/// </summary>
public sealed class PartnerWebhook : IAsyncDisposable
{
    public const string Path = "/hooks/crisiscenter";
    private readonly ConcurrentDictionary<string, int> _signed = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _badSignatures;

    private PartnerWebhook(string secret, WebApplication app, Uri url)
    {
        Secret = secret;
        _app = app;
        Url = url;
    }

    public string Secret { get; }
    public Uri Url { get; }
    public int BadSignatures => Volatile.Read(ref _badSignatures);
    public IReadOnlyDictionary<string, int> SignedDeliveries => _signed;

    /// <summary>Correctly signed deliveries of one idempotency key.</summary>
    public int DeliveredFor(string key) => _signed.GetValueOrDefault(key);

    public volatile bool IsDown;

    public static async Task<PartnerWebhook> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        PartnerWebhook? receiver = null;
        app.MapPost(Path, (HttpContext http) => receiver!.HandleAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new PartnerWebhook(secret, app, new Uri(address.TrimEnd('/') + Path));
        return receiver;
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
        var valid = WebhookSignature.Verify(Secret, http.Request.Headers[WebhookSignature.TimestampHeader], http.Request.Headers[WebhookSignature.SignatureHeader],
            buffer.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        if (!valid)
        {
            Interlocked.Increment(ref _badSignatures);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        _signed.AddOrUpdate(http.Request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString(), 1, (_, n) => n + 1);
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
