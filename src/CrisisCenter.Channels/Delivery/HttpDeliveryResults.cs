using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrisisCenter.Channels.Delivery;

/// <summary>How an HTTP answer or failure maps to a delivery result: 5xx, 408 and 429 (with Retry-After) are
/// transient, any other 4xx is permanent with the channel's own message; a refused connection sent nothing, a
/// connection lost midway may have.</summary>
public static class HttpDeliveryResults
{
    private const int MaxExcerpt = 500;

    public static async Task<DeliveryResult?> FailureOfAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return null;
        var code = (int)response.StatusCode;
        var body = await ExcerptAsync(response, cancellationToken);
        var error = $"HTTP {code} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => DeliveryResult.Transient(error, RetryAfter(response, clock)),
            HttpStatusCode.RequestTimeout => DeliveryResult.Transient(error),
            _ when code >= 500 => DeliveryResult.Transient(error, RetryAfter(response, clock)),
            _ => DeliveryResult.Permanent(error),
        };
    }

    public static DeliveryResult FromException(HttpRequestException error) =>
        error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable }
            ? DeliveryResult.Transient($"Could not connect: {error.Message}")
            : DeliveryResult.Interrupted($"The connection failed: {error.Message}");

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero;
        return null;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return text.Length <= MaxExcerpt ? text : text[..MaxExcerpt] + "…";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
