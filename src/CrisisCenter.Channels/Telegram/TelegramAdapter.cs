using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CrisisCenter.Channels.Telegram;

/// <summary>
/// Posts to the official Telegram channel of each language through the Bot API (<c>Telegram.Bot</c>), at
/// <see cref="ChannelTarget.ApiBaseUrl"/> when set (a local Bot API server). Not idempotent: Telegram has no
/// idempotency key, so an interrupted send becomes Uncertain for an operator. A statement goes out as one message
/// (split into parts when longer than Telegram's limit); a correction edits the original message(s) and replies to
/// it; a retraction edits it to a retraction notice.
/// </summary>
public sealed class TelegramAdapter(IHttpClientFactory http) : IChannelAdapter
{
    public const string HttpClientName = "CrisisCenter.Channels.Telegram";

    /// <summary>Later parts of a split message are retried here when Telegram says "not now" (the first part is
    /// already out, so a retry of the whole post would repeat it).</summary>
    private const int LaterPartTries = 3;

    public bool IsIdempotent => false;

    public async Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var target = message.Target;
        var channel = message.Post.Channel;
        var language = message.Language.ToCode();
        if (message.Incident.Visibility != Visibility.Normal)
            return DeliveryResult.Permanent("Restricted incidents are never posted to public Telegram channels.");
        if (string.IsNullOrWhiteSpace(target.BotToken))
            return DeliveryResult.Permanent($"Telegram channel '{channel}' has no bot token.");
        if (!target.Chats.TryGetValue(language, out var chat) || string.IsNullOrWhiteSpace(chat))
            return DeliveryResult.Permanent($"Telegram channel '{channel}' has no chat for language '{language}' (Channels:Targets:{channel}:Chats:{language}).");

        TelegramBotClient bot;
        ChatId chatId;
        try
        {
            chatId = new ChatId(chat.Trim());
            // RetryThreshold 0: the client must not wait out 429s itself; the dispatcher records and honours them.
            var options = new TelegramBotClientOptions(target.BotToken, target.ApiBaseUrl?.AbsoluteUri) { RetryThreshold = 0 };
            bot = new TelegramBotClient(options, http.CreateClient(HttpClientName));
        }
        catch (ArgumentException invalid)
        {
            return DeliveryResult.Permanent($"Telegram channel '{channel}' is misconfigured: {invalid.Message}");
        }

        return message.Post.Action switch
        {
            ChannelPostAction.Publish => await PublishAsync(bot, chatId, message, cancellationToken),
            _ => await AmendAsync(bot, message, cancellationToken),
        };
    }

    private static async Task<DeliveryResult> PublishAsync(TelegramBotClient bot, ChatId chatId, ChannelMessage message, CancellationToken cancellationToken)
    {
        var parts = TelegramMessages.Publication(message).ToParts();
        var sent = new List<Message>();
        foreach (var part in parts)
        {
            var (posted, failure) = await SendPartAsync(bot, chatId, part, replyTo: null, later: sent.Count > 0, cancellationToken);
            if (failure is not null) return sent.Count == 0 ? failure : PartlySent(sent, parts.Count, failure);
            sent.Add(posted!);
        }

        return Delivered(sent);
    }

    /// <summary>
    /// Corrections and retractions edit every message of the original (edits are repeatable: an edit to the text a
    /// message already has counts as done), then send what is new: parts beyond the original's and, for a correction,
    /// the reply saying it was corrected.
    /// </summary>
    private static async Task<DeliveryResult> AmendAsync(TelegramBotClient bot, ChannelMessage message, CancellationToken cancellationToken)
    {
        var action = message.Post.Action;
        var original = message.OriginalPost;
        if (original is null)
            return DeliveryResult.Permanent($"The {action} post names no original post to amend.");
        if (TelegramMessageRef.TryParse(original.ExternalId) is not { } where)
        {
            return original.Status switch
            {
                ChannelPostStatus.Delivered => DeliveryResult.Permanent(
                    $"The original post was recorded without a Telegram message id ('{original.ExternalId}'); amend it in Telegram by hand, then confirm this post."),
                ChannelPostStatus.Abandoned or ChannelPostStatus.Uncertain => DeliveryResult.Permanent(
                    $"The original post is {original.Status}; resolve it first, then retry this post."),
                _ => DeliveryResult.Transient("The original post has not been delivered yet; the amendment waits for it."),
            };
        }

        var text = action == ChannelPostAction.Retract ? TelegramMessages.Retraction(message) : TelegramMessages.Correction(message);
        var parts = text.ToParts();
        for (var i = 0; i < where.MessageIds.Count; i++)
        {
            var html = i < parts.Count ? parts[i] : TelegramMessages.LeftoverPart(message, action).ToHtml();
            try
            {
                await bot.EditMessageText(where.ChatId, where.MessageIds[i], html, parseMode: ParseMode.Html, cancellationToken: cancellationToken);
            }
            catch (RequestException error) when (!TelegramErrors.IsNotModified(error))
            {
                return TelegramErrors.Of(error);
            }
            catch (RequestException)
            {
                // Already says this: an earlier attempt made the edit.
            }
        }

        var replies = parts.Skip(where.MessageIds.Count).ToList();
        if (action == ChannelPostAction.Correct) replies.AddRange(TelegramMessages.CorrectionReply(message).ToParts());
        var sent = new List<Message>();
        foreach (var reply in replies)
        {
            var (posted, failure) = await SendPartAsync(bot, where.ChatId, reply, replyTo: where.MessageIds[0], later: sent.Count > 0, cancellationToken);
            if (failure is not null) return sent.Count == 0 ? failure : PartlySent(sent, replies.Count, failure);
            sent.Add(posted!);
        }

        return sent.Count > 0 ? Delivered(sent) : DeliveryResult.Delivered(where.ToString(), original.Url);
    }

    /// <summary>One sendMessage. A later part (earlier ones are out) waits out "not now" answers here, a few times.</summary>
    private static async Task<(Message? Sent, DeliveryResult? Failure)> SendPartAsync(
        TelegramBotClient bot, ChatId chatId, string html, int? replyTo, bool later, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            DeliveryResult failure;
            try
            {
                var replyParameters = replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
                return (await bot.SendMessage(chatId, html, parseMode: ParseMode.Html, replyParameters: replyParameters, cancellationToken: cancellationToken), null);
            }
            catch (RequestException error)
            {
                failure = TelegramErrors.Of(error);
            }
            catch (OperationCanceledException) when (later)
            {
                return (null, DeliveryResult.Interrupted("The time for this attempt ran out."));
            }

            if (!later || attempt >= LaterPartTries || failure is not DeliveryResult.Refused { IsPermanent: false, MaybeSent: false } notNow)
                return (null, failure);
            try
            {
                await Task.Delay(notNow.RetryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return (null, failure);
            }
        }
    }

    private static DeliveryResult Delivered(IReadOnlyList<Message> sent)
    {
        var first = sent[0];
        var where = new TelegramMessageRef(first.Chat.Id, [.. sent.Select(m => m.Id)]);
        return DeliveryResult.Delivered(where.ToString(), first.Chat.Username is { Length: > 0 } username ? $"https://t.me/{username}/{first.Id}" : null);
    }

    /// <summary>Some parts are out, one failed: re-sending the post would repeat them, so an operator decides.</summary>
    private static DeliveryResult PartlySent(IReadOnlyList<Message> sent, int total, DeliveryResult failure)
    {
        var where = new TelegramMessageRef(sent[0].Chat.Id, [.. sent.Select(m => m.Id)]);
        var reason = failure is DeliveryResult.Refused refused ? refused.Error : failure.ToString();
        return DeliveryResult.Interrupted($"Only {sent.Count} of {total} Telegram messages went out ({where}); the next failed: {reason}");
    }
}
