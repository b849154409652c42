using System.Net.Sockets;
using CrisisCenter.Channels.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CrisisCenter.Channels.Email;

/// <summary>
/// Sends the press release of a post to the channel's media list over SMTP (MailKit). Not idempotent: SMTP has no
/// way to drop a repeated message, so every attempt is recorded as Sending first and a send whose end was lost
/// becomes Uncertain. What the server said decides the rest: refused before the message was accepted (4xx, or the
/// server unreachable) is transient and retried; 5xx is permanent, with the server's own words.
/// </summary>
public sealed partial class EmailAdapter(TimeProvider clock, ILogger<EmailAdapter> logger) : IChannelAdapter
{
    public bool IsIdempotent => false;

    public async Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var target = message.Target;
        if (string.IsNullOrWhiteSpace(target.SmtpHost))
            return DeliveryResult.Permanent($"E-mail channel '{message.Post.Channel}' needs an SMTP host.");
        if (!TryParseSecurity(target.SmtpSecurity, out var security))
            return DeliveryResult.Permanent($"E-mail channel '{message.Post.Channel}': SMTP security '{target.SmtpSecurity}' is not None, StartTls, SslOnConnect or Auto.");
        if (PressReleaseEmail.CarriedByAmendment(message) is { } amendment)
            return DeliveryResult.Delivered(PressReleaseEmail.MessageIdOf(amendment, PressReleaseEmail.DomainOf(target)));
        var (email, problem) = PressReleaseEmail.Build(message, clock.GetUtcNow());
        if (email is null) return DeliveryResult.Permanent(problem!);

        using var smtp = new MediaListSmtpClient();
        try
        {
            await smtp.ConnectAsync(target.SmtpHost, target.SmtpPort, security, cancellationToken);
            if (!string.IsNullOrEmpty(target.SmtpUser))
                await smtp.AuthenticateAsync(target.SmtpUser, target.SmtpPassword ?? "", cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Nothing has been handed over yet: whatever went wrong, the release did not go out.
            return BeforeSending(message.Post.Channel, error);
        }

        try
        {
            await smtp.SendAsync(email, cancellationToken);
        }
        catch (SmtpCommandException refused)
        {
            // The server answered the command with a refusal, so it did not take the message.
            return Refusal(message.Post.Channel, refused);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The connection broke while the message was on its way: the server may have accepted it.
            return DeliveryResult.Interrupted($"The SMTP connection to {target.SmtpHost} broke during the send: {error.Message}");
        }

        if (smtp.Rejected.Count > 0)
            LogRejected(logger, message.Post.Id, message.Post.Channel, string.Join(", ", smtp.Rejected));
        try
        {
            await smtp.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The message was accepted; a failed QUIT does not undo that.
            LogQuitFailed(logger, message.Post.Id, error.Message);
        }
        return DeliveryResult.Delivered(email.MessageId ?? "");
    }

    private static DeliveryResult BeforeSending(string channel, Exception error) => error switch
    {
        AuthenticationException => DeliveryResult.Permanent($"E-mail channel '{channel}': the SMTP server refused the credentials ({error.Message})."),
        SslHandshakeException => DeliveryResult.Permanent($"E-mail channel '{channel}': the TLS handshake with the SMTP server failed ({error.Message})."),
        SmtpCommandException refused => Refusal(channel, refused),
        SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException =>
            DeliveryResult.Transient($"The SMTP server could not be reached: {error.Message}"),
        NotSupportedException => DeliveryResult.Permanent($"E-mail channel '{channel}': {error.Message}"),
        _ => DeliveryResult.Transient($"The SMTP session could not start: {error.GetType().Name}: {error.Message}"),
    };

    private static DeliveryResult Refusal(string channel, SmtpCommandException refused)
    {
        var code = (int)refused.StatusCode;
        var said = $"SMTP {code}: {refused.Message}";
        return code is >= 400 and < 500
            ? DeliveryResult.Transient(said)
            : DeliveryResult.Permanent($"The SMTP server of '{channel}' refused the release ({said}).");
    }

    public static bool TryParseSecurity(string? value, out SecureSocketOptions security)
    {
        security = (value ?? "StartTls").Trim().ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "sslonconnect" => SecureSocketOptions.SslOnConnect,
            "auto" => SecureSocketOptions.Auto,
            _ => (SecureSocketOptions)(-1),
        };
        return Enum.IsDefined(security);
    }

    /// <summary>One unknown address in a media list does not hold back the release to everyone else: refused
    /// recipients are noted, and the send fails only when the server takes none.</summary>
    private sealed class MediaListSmtpClient : SmtpClient
    {
        public List<string> Rejected { get; } = [];

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Rejected.Add($"{mailbox.Address} ({(int)response.StatusCode} {response.Response})");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: the SMTP server refused some of the media list: {Rejected}.")]
    private static partial void LogRejected(ILogger logger, Guid postId, string channel, string rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: the release was accepted, but QUIT failed: {Error}")]
    private static partial void LogQuitFailed(ILogger logger, Guid postId, string error);
}
