namespace CrisisCenter.Channels;

public enum ChannelKind
{
    /// <summary>The built-in website feeds (RSS, Atom, JSON Feed) and public statement pages.</summary>
    Feed,

    /// <summary>The built-in CAP 1.2 feed for public warnings.</summary>
    Cap,

    /// <summary>A partner system receiving signed JSON events.</summary>
    Webhook,

    /// <summary>Official Telegram channels, one chat per language, through the Bot API.</summary>
    Telegram,

    /// <summary>Press-release e-mail to media lists, one list per language, over SMTP.</summary>
    Email,
}
