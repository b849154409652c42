namespace CrisisCenter.Channels;

/// <summary>
/// One channel a statement can be published to, under the code publishers name (e.g. "website", "cap",
/// "telegram", "partner-akimat-almaty"). Which settings matter depends on <see cref="Kind"/>. Secrets
/// (<see cref="Secret"/>, <see cref="BotToken"/>, <see cref="SmtpPassword"/>) are never logged or returned by the API.
/// </summary>
public sealed class ChannelTarget
{
    public ChannelKind Kind { get; set; }

    /// <summary>A channel switched off abandons its posts with a clear message; an operator retries them once it is on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Webhook: the event types the partner subscribes to beyond the statements published to it, e.g.
    /// ["incident.updated"]. Absent (null) means every type. Statement events go where publishers send them.
    /// </summary>
    public List<string>? Events { get; set; }

    /// <summary>Webhook: does the partner take events of <paramref name="type"/> (see <see cref="Events"/>)?</summary>
    public bool Takes(string type) => Events is null || Events.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Webhook: the partner's HTTPS endpoint.</summary>
    public Uri? Url { get; set; }

    /// <summary>Webhook: the shared secret of the HMAC-SHA256 signature.</summary>
    public string? Secret { get; set; }

    /// <summary>Telegram: the bot token.</summary>
    public string? BotToken { get; set; }

    /// <summary>Telegram: Bot API server (a local Bot API server, or a stand-in in tests); null for Telegram's own.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Telegram: chat id or @channel per language code ("kk", "ru", "en").</summary>
    public Dictionary<string, string> Chats { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>E-mail: SMTP server.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>E-mail: None, StartTls (default), SslOnConnect, Auto.</summary>
    public string SmtpSecurity { get; set; } = "StartTls";
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>E-mail: sender address, e.g. "Press service &lt;press@mchs.gov.kz&gt;".</summary>
    public string? From { get; set; }

    /// <summary>E-mail: media list (addresses) per language code.</summary>
    public Dictionary<string, string[]> Recipients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Does the channel have somewhere to send a post in <paramref name="languageCode"/>: a chat (Telegram) or a
    /// media list (e-mail) for it, and the settings its kind cannot send without? Feeds, CAP and webhooks take every
    /// language. Whether the channel is switched on is a separate question (<see cref="Enabled"/>).
    /// </summary>
    public bool Reaches(string languageCode) => Kind switch
    {
        ChannelKind.Webhook => Url is not null,
        ChannelKind.Telegram => !string.IsNullOrWhiteSpace(BotToken) && Chats.TryGetValue(languageCode, out var chat) && !string.IsNullOrWhiteSpace(chat),
        ChannelKind.Email => !string.IsNullOrWhiteSpace(SmtpHost) && !string.IsNullOrWhiteSpace(From)
                             && Recipients.TryGetValue(languageCode, out var list) && list is { Length: > 0 },
        _ => true,
    };

    /// <summary>Kind, state and where it sends; whether secrets are set, never their values (this may end up in a log).</summary>
    public override string ToString() =>
        $"{Kind} channel ({(Enabled ? "on" : "off")}){(Url is null ? "" : $" to {Url.Scheme}://{Url.Authority}{Url.AbsolutePath}")}{(SmtpHost is null ? "" : $" via {SmtpHost}:{SmtpPort}")}, "
        + $"secret {(string.IsNullOrEmpty(Secret) ? "unset" : "set")}, bot token {(string.IsNullOrEmpty(BotToken) ? "unset" : "set")}, SMTP password {(string.IsNullOrEmpty(SmtpPassword) ? "unset" : "set")}";
}
