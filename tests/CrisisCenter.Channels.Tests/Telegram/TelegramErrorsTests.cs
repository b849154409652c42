using System.Net;
using System.Net.Sockets;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Telegram;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CrisisCenter.Channels.Tests.Telegram;

/// <summary>The failures Telegram.Bot raises that the stand-in cannot easily produce, mapped one by one.</summary>
public sealed class TelegramErrorsTests
{
    [Fact]
    public void flood_control_waits_retry_after_seconds() =>
        TelegramErrors.Of(new ApiRequestException("Too Many Requests: retry after 7", 429, new ResponseParameters { RetryAfter = 7 }))
            .Should().Be(DeliveryResult.Transient("Telegram 429: Too Many Requests: retry after 7", TimeSpan.FromSeconds(7)));

    [Fact]
    public void a_proxy_error_page_without_a_bot_api_body_is_transient() =>
        TelegramErrors.Of(new RequestException("Required properties not found in response", HttpStatusCode.BadGateway))
            .Should().BeOfType<DeliveryResult.Refused>().Which.Should().Match<DeliveryResult.Refused>(r => !r.IsPermanent && !r.MaybeSent);

    [Fact]
    public void an_unreadable_success_answer_may_have_sent() =>
        TelegramErrors.Of(new RequestException("There was an exception during deserialization of the response", HttpStatusCode.OK, new IOException("reset")))
            .Should().Match<DeliveryResult.Refused>(r => r.MaybeSent);

    [Fact]
    public void a_refused_connection_sent_nothing() =>
        TelegramErrors.Of(new RequestException("Bot API Service Failure", new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))))
            .Should().Match<DeliveryResult.Refused>(r => !r.IsPermanent && !r.MaybeSent);

    [Fact]
    public void a_client_timeout_may_have_sent() =>
        TelegramErrors.Of(new RequestException("Bot API Request timed out", new TaskCanceledException()))
            .Should().Match<DeliveryResult.Refused>(r => r.MaybeSent);

    [Fact]
    public void message_is_not_modified_is_recognised_and_other_bad_requests_are_permanent()
    {
        var notModified = new ApiRequestException("Bad Request: message is not modified: specified new message content and reply markup are exactly the same", 400);
        TelegramErrors.IsNotModified(notModified).Should().BeTrue();
        TelegramErrors.IsNotModified(new ApiRequestException("Bad Request: message to edit not found", 400)).Should().BeFalse();
        TelegramErrors.Of(new ApiRequestException("Bad Request: message to edit not found", 400))
            .Should().Be(DeliveryResult.Permanent("Telegram 400: Bad Request: message to edit not found"));
    }
}
