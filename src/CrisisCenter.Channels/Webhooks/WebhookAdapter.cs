using System.Net.Http.Headers;
using System.Text.Json;
using CrisisCenter.Channels.Delivery;

namespace CrisisCenter.Channels.Webhooks;

/// <summary>
/// POSTs the signed JSON event to the partner's URL. Idempotent: the Idempotency-Key header and the body's id are
/// the post's key, so a partner that keeps the keys it has processed ignores a re-send after a crash.
/// </summary>
public sealed class WebhookAdapter(IHttpClientFactory http, TimeProvider clock) : IChannelAdapter
{
    public const string HttpClientName = "CrisisCenter.Channels.Webhook";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsIdempotent => true;

    public async Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var target = message.Target;
        if (target.Url is null || string.IsNullOrEmpty(target.Secret))
            return DeliveryResult.Permanent($"Webhook channel '{message.Post.Channel}' needs a URL and a secret.");

        var payload = WebhookPayload.From(message);
        return await PostAsync(target, payload.Id, payload.Type, JsonSerializer.SerializeToUtf8Bytes(payload, Json), cancellationToken);
    }

    /// <summary>
    /// POSTs one signed event: <paramref name="id"/> is its idempotency key (header and body id), <paramref name="body"/>
    /// the exact bytes the signature covers. Every webhook event (statement posts, incident.updated) goes out here.
    /// </summary>
    public async Task<DeliveryResult> PostAsync(ChannelTarget target, string id, string type, byte[] body, CancellationToken cancellationToken)
    {
        if (target.Url is null || string.IsNullOrEmpty(target.Secret))
            return DeliveryResult.Permanent("A webhook channel needs a URL and a secret.");

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, id);
        request.Headers.Add(WebhookSignature.EventHeader, type);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(target.Secret, timestamp, body));

        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return await HttpDeliveryResults.FailureOfAsync(response, clock, cancellationToken)
                   ?? DeliveryResult.Delivered(id);
        }
        catch (HttpRequestException error)
        {
            return HttpDeliveryResults.FromException(error);
        }
    }
}
