using System.Net;
using CrisisCenter.Channels.Delivery;
using Telegram.Bot.Exceptions;

namespace CrisisCenter.Channels.Telegram;

/// <summary>
/// How a failed Bot API call maps to a delivery result. The Bot API answers errors as
/// <c>{ok:false, error_code, description, parameters:{retry_after}}</c>: 429 waits retry_after seconds, 5xx is
/// transient, any other 4xx is permanent with Telegram's description. Without an answer: a refused connection sent
/// nothing (transient); a timeout or a connection lost midway may have sent the message (interrupted).
/// </summary>
public static class TelegramErrors
{
    public static DeliveryResult Of(RequestException error) => error switch
    {
        ApiRequestException { ErrorCode: 429 } api => DeliveryResult.Transient(Describe(api),
            api.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
        ApiRequestException { ErrorCode: >= 500 } api => DeliveryResult.Transient(Describe(api)),
        ApiRequestException { ErrorCode: >= 400 } api => DeliveryResult.Permanent(Describe(api)),
        { HttpStatusCode: { } status } when status == HttpStatusCode.TooManyRequests || (int)status >= 500 =>
            DeliveryResult.Transient($"Telegram answered HTTP {(int)status} without a Bot API error: {error.Message}"),
        { HttpStatusCode: { } status } when (int)status >= 400 =>
            DeliveryResult.Permanent($"Telegram answered HTTP {(int)status} without a Bot API error: {error.Message}"),
        { InnerException: HttpRequestException http } => HttpDeliveryResults.FromException(http),
        _ => DeliveryResult.Interrupted($"The request to Telegram failed midway: {error.Message}"),
    };

    /// <summary>An edit to the text the message already has: the edit is done (a repeated correction after a retry).</summary>
    public static bool IsNotModified(RequestException error) =>
        error is ApiRequestException { ErrorCode: 400 } api && api.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase);

    private static string Describe(ApiRequestException api) => $"Telegram {api.ErrorCode}: {api.Message}";
}
