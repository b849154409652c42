using System.Globalization;

namespace CrisisCenter.Channels.Telegram;

/// <summary>
/// Where a post landed in Telegram, recorded as the post's external id: "chatId:messageId" for one message,
/// "chatId:first,second,…" for a text sent in parts (all ids, so a correction can edit every part).
/// </summary>
public sealed record TelegramMessageRef(long ChatId, IReadOnlyList<int> MessageIds)
{
    public override string ToString() =>
        $"{ChatId.ToString(CultureInfo.InvariantCulture)}:{string.Join(',', MessageIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))}";

    public static TelegramMessageRef? TryParse(string? externalId)
    {
        if (string.IsNullOrWhiteSpace(externalId)) return null;
        var colon = externalId.LastIndexOf(':');
        if (colon <= 0 || !long.TryParse(externalId[..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat)) return null;
        var ids = new List<int>();
        foreach (var part in externalId[(colon + 1)..].Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0) return null;
            ids.Add(id);
        }

        return ids.Count == 0 ? null : new TelegramMessageRef(chat, ids);
    }
}
