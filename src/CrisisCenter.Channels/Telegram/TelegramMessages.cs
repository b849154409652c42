using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Telegram;

/// <summary>What each kind of post says in Telegram. All statement text goes in as text (escaped on rendering).</summary>
public static class TelegramMessages
{
    /// <summary>Headline in bold, body, "What to do: …", a link to the public page when there is one.</summary>
    public static TelegramText Publication(ChannelMessage message) => Statement(new TelegramText(), message);

    /// <summary>The original message's new text: marked corrected, then the correction's text.</summary>
    public static TelegramText Correction(ChannelMessage message) =>
        Statement(new TelegramText().Bold($"✏️ [{FeedLabels.Corrected(message.Language)}]").Paragraph(), message);

    /// <summary>The reply under the original that tells readers it changed.</summary>
    public static TelegramText CorrectionReply(ChannelMessage message)
    {
        var text = new TelegramText().Bold($"✏️ {FeedLabels.Corrected(message.Language)}").Plain(": " + TelegramLabels.MessageCorrected(message.Language));
        if (message.PublicUrl is { } url) text.Paragraph().Link(TelegramLabels.MoreOnTheWebsite(message.Language), url);
        return text;
    }

    /// <summary>The original message's new text when retracted: the notice, and the retraction's own headline and
    /// body (why it was withdrawn); the original text is gone.</summary>
    public static TelegramText Retraction(ChannelMessage message)
    {
        var text = new TelegramText()
            .Bold($"[{FeedLabels.Retracted(message.Language)}]").Plain(" " + FeedLabels.Withdrawn(message.Language))
            .Paragraph().Bold(message.Text.Headline)
            .Paragraph().Plain(message.Text.Body);
        if (message.PublicUrl is { } url) text.Paragraph().Link(TelegramLabels.MoreOnTheWebsite(message.Language), url);
        return text;
    }

    /// <summary>For parts of a long original beyond what the new text fills: the status and a pointer up.</summary>
    public static TelegramText LeftoverPart(ChannelMessage message, ChannelPostAction action) =>
        new TelegramText()
            .Bold(action == ChannelPostAction.Retract ? $"[{FeedLabels.Retracted(message.Language)}]" : $"✏️ [{FeedLabels.Corrected(message.Language)}]")
            .Plain(" (" + TelegramLabels.SeeFirstPart(message.Language) + ")");

    private static TelegramText Statement(TelegramText text, ChannelMessage message)
    {
        text.Bold(message.Text.Headline).Paragraph().Plain(message.Text.Body);
        if (message.Text.Instruction is { Length: > 0 } instruction)
            text.Paragraph().Bold(FeedLabels.Instruction(message.Language) + ": ").Plain(instruction);
        if (message.PublicUrl is { } url)
            text.Paragraph().Link(TelegramLabels.MoreOnTheWebsite(message.Language), url);
        return text;
    }
}
