using System.Collections.Concurrent;
using System.Text.Json;
using CrisisCenter.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrisisCenter.Channels.Tests.StandIns;

/// <summary>
/// A partner's webhook endpoint as the README tells partners to build one: checks the signature, answers duplicates
/// of an idempotency key without processing them again. Faults queued with <see cref="Fail"/> come first, one per request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/crisiscenter";
    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly ConcurrentDictionary<string, int> received = new();
    private readonly ConcurrentQueue<JsonElement> processed = new();
    private readonly ConcurrentQueue<DateTimeOffset> requestTimes = new();
    private LoopbackServer? server;

    public WebhookReceiver(string secret) => Secret = secret;

    public string Secret { get; }
    public Uri Url => new(server!.Address, Path.TrimStart('/'));
    public int BadSignatures { get; private set; }
    public IReadOnlyList<DateTimeOffset> RequestTimes => [.. requestTimes];

    /// <summary>Correctly signed requests per idempotency key (re-sends included).</summary>
    public int ReceivedFor(string key) => received.GetValueOrDefault(key);

    /// <summary>Events processed: each idempotency key once.</summary>
    public IReadOnlyList<JsonElement> Processed => [.. processed];

    public static async Task<WebhookReceiver> StartAsync(string secret = "partner-secret-1")
    {
        var receiver = new WebhookReceiver(secret);
        receiver.server = await LoopbackServer.StartAsync(app => app.MapPost(Path, receiver.HandleAsync));
        return receiver;
    }

    public WebhookReceiver Fail(params Fault[] next)
    {
        foreach (var fault in next) faults.Enqueue(fault);
        return this;
    }

    private async Task HandleAsync(HttpContext http)
    {
        requestTimes.Enqueue(DateTimeOffset.UtcNow);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var valid = WebhookSignature.Verify(Secret, http.Request.Headers[WebhookSignature.TimestampHeader], http.Request.Headers[WebhookSignature.SignatureHeader],
            body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        if (!valid)
        {
            BadSignatures++;
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var key = http.Request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString();
        if (faults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case Fault.Status status:
                    http.Response.StatusCode = status.Code;
                    if (status.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await http.Response.WriteAsync(status.Message);
                    return;
                case Fault.Reset:
                    http.Abort();
                    return;
                case Fault.ProcessThenHang hang:
                    Process(key, body);
                    await Task.Delay(hang.For, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
            }
        }

        Process(key, body);
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void Process(string key, byte[] body)
    {
        if (received.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
            processed.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }

    public abstract record Fault
    {
        public sealed record Status(int Code, int? RetryAfterSeconds = null, string Message = "") : Fault;
        public sealed record Reset : Fault;
        public sealed record ProcessThenHang(TimeSpan For) : Fault;
    }
}
