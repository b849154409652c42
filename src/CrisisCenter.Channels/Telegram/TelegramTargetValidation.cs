using System.Globalization;

namespace CrisisCenter.Channels.Telegram;

/// <summary>Start-up checks of Telegram targets: a bot token as BotFather issues it ("123456:ABC…") and at least
/// one chat, each a numeric chat id or an @channel username.</summary>
public static class TelegramTargetValidation
{
    public const string Message =
        "Every Telegram channel under Channels:Targets needs a BotToken (\"<bot id>:<secret>\") and at least one chat under Chats " +
        "(language code → numeric chat id or @channel).";

    public static bool IsValid(ChannelTarget target) =>
        target.Kind != ChannelKind.Telegram
        || (IsToken(target.BotToken) && target.Chats.Count > 0 && target.Chats.Values.All(IsChat)
            && (target.ApiBaseUrl is null || target.ApiBaseUrl.IsAbsoluteUri));

    private static bool IsToken(string? token)
    {
        var colon = token?.IndexOf(':') ?? -1;
        return colon is >= 1 and <= 16 && colon < token!.Length - 1
               && long.TryParse(token[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static bool IsChat(string chat) =>
        chat is { Length: > 1 } && (chat[0] == '@' || long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
}
