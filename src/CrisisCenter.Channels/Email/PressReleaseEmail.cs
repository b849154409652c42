using System.Text;
using System.Text.Encodings.Web;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Domain;
using MimeKit;

namespace CrisisCenter.Channels.Email;

/// <summary>
/// The press-release e-mail of one post: plain text and HTML (every piece of user text encoded), sent to the media
/// list of its language as blind copies. Its Message-Id is derived from the post, so a mail client that receives a
/// re-send after an operator's "send again" sees the same message; a correction or retraction refers to the original
/// release (In-Reply-To / References) and says so in its subject.
/// </summary>
public static class PressReleaseEmail
{
    public const string IdempotencyKeyHeader = "X-CrisisCenter-Idempotency-Key";
    public const string IncidentHeader = "X-CrisisCenter-Incident";

    /// <summary>Builds the message, or names the setting it is missing.</summary>
    public static (MimeMessage? Message, string? Problem) Build(ChannelMessage message, DateTimeOffset now)
    {
        var target = message.Target;
        if (string.IsNullOrWhiteSpace(target.From) || !MailboxAddress.TryParse(target.From, out var from))
            return (null, $"E-mail channel '{message.Post.Channel}' needs a valid From address.");
        var language = message.Language.ToCode();
        if (!target.Recipients.TryGetValue(language, out var list) || list is null || list.Length == 0)
            return (null, $"E-mail channel '{message.Post.Channel}' has no media list for '{language}'.");
        var recipients = new List<MailboxAddress>();
        foreach (var address in list)
        {
            if (!MailboxAddress.TryParse(address, out var mailbox))
                return (null, $"E-mail channel '{message.Post.Channel}': '{address}' in the '{language}' media list is not an e-mail address.");
            recipients.Add(mailbox);
        }

        var email = new MimeMessage { Date = now, Subject = SubjectOf(message) };
        email.From.Add(from);
        // The media list is not disclosed to its members: the release is addressed to the press service itself.
        email.To.Add(from);
        email.Bcc.AddRange(recipients);
        var domain = DomainOf(target);
        email.MessageId = MessageIdOf(message.Post, domain);
        if (message.OriginalPost is { } original)
        {
            var originalId = original.ExternalId is { Length: > 0 } external ? external : MessageIdOf(original, domain);
            email.InReplyTo = originalId;
            email.References.Add(originalId);
        }
        email.Headers.Add(HeaderId.ContentLanguage, language);
        email.Headers.Add(IdempotencyKeyHeader, message.Post.IdempotencyKey);
        email.Headers.Add(IncidentHeader, message.Incident.Code);

        var body = new BodyBuilder { TextBody = PlainText(message), HtmlBody = Html(message, language) }.ToMessageBody();
        body.Headers.Add(HeaderId.ContentLanguage, language);
        email.Body = body;
        return (email, null);
    }

    /// <summary>
    /// A mail cannot be edited once sent, so a correction or retraction reaches a media list once: as the amendment
    /// post (Correct / Retract), which replies to the original release. The amending statement's own publish post on
    /// the same channel and language is that same mail; this names the amendment post it is carried by, if any.
    /// </summary>
    public static ChannelPostState? CarriedByAmendment(ChannelMessage message) =>
        message.Post.Action != ChannelPostAction.Publish ? null
        : message.Incident.ChannelPosts.Values.FirstOrDefault(p =>
            p.StatementId == message.Post.StatementId && p.Channel == message.Post.Channel && p.Language == message.Post.Language
            && p.Action != ChannelPostAction.Publish);

    /// <summary>The domain of the channel's sender address (Message-Ids are made under it).</summary>
    public static string DomainOf(ChannelTarget target) =>
        MailboxAddress.TryParse(target.From ?? "", out var from) && from.Domain is { Length: > 0 } domain ? domain : "crisiscenter.local";

    /// <summary>The Message-Id of a post's release (without angle brackets), stable for the post.</summary>
    public static string MessageIdOf(ChannelPostState post, string domain) =>
        $"statement-{post.StatementId:N}.{post.Language.ToCode()}.{post.Id:N}@{domain}";

    private static string SubjectOf(ChannelMessage message) => message.Post.Action switch
    {
        ChannelPostAction.Correct => $"[{FeedLabels.Corrected(message.Language)}] {message.Incident.Code}: {message.Text.Headline}",
        ChannelPostAction.Retract => $"[{FeedLabels.Retracted(message.Language)}] {message.Incident.Code}: {OriginalHeadline(message) ?? message.Text.Headline}",
        _ => $"{message.Incident.Code}: {message.Text.Headline}",
    };

    private static string? OriginalHeadline(ChannelMessage message)
    {
        if (message.OriginalPost is not { } post || message.OriginalStatement is not { } statement) return null;
        var revision = statement.Revisions.FirstOrDefault(r => r.Number == post.Revision);
        return revision is not null && revision.Content.TryGetValue(post.Language, out var text) ? text.Headline : null;
    }

    private static string? AmendmentNote(ChannelMessage message) => message.Post.Action switch
    {
        ChannelPostAction.Correct => Notes.Corrects(message.Language, OriginalHeadline(message)),
        ChannelPostAction.Retract => FeedLabels.Withdrawn(message.Language),
        _ => null,
    };

    private static string PlainText(ChannelMessage message)
    {
        var text = new StringBuilder();
        if (AmendmentNote(message) is { } note) text.Append(note).Append("\n\n");
        text.Append(message.Text.Headline).Append("\n\n").Append(message.Text.Body).Append('\n');
        if (message.Text.Instruction is { Length: > 0 } instruction)
            text.Append('\n').Append(FeedLabels.Instruction(message.Language)).Append(": ").Append(instruction).Append('\n');
        text.Append("\n— ").Append(message.Incident.Code).Append(" · ").Append(message.Incident.Title).Append('\n');
        if (message.PublicUrl is { } url) text.Append(url).Append('\n');
        return text.ToString();
    }

    private static string Html(ChannelMessage message, string language)
    {
        var encode = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(encode.Encode(message.Text.Headline)).Append("</title></head><body>");
        if (AmendmentNote(message) is { } note) html.Append("<p><strong>").Append(encode.Encode(note)).Append("</strong></p>");
        html.Append("<h1>").Append(encode.Encode(message.Text.Headline)).Append("</h1>");
        AppendParagraphs(html, message.Text.Body, encode);
        if (message.Text.Instruction is { Length: > 0 } instruction)
        {
            html.Append("<p><strong>").Append(encode.Encode(FeedLabels.Instruction(message.Language))).Append(":</strong> ");
            html.Append(encode.Encode(instruction)).Append("</p>");
        }
        html.Append("<hr><p>").Append(encode.Encode(message.Incident.Code)).Append(" · ").Append(encode.Encode(message.Incident.Title)).Append("</p>");
        if (message.PublicUrl is { } url)
            html.Append("<p><a href=\"").Append(encode.Encode(url.AbsoluteUri)).Append("\">").Append(encode.Encode(url.AbsoluteUri)).Append("</a></p>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Blank lines separate paragraphs; single line breaks stay line breaks.</summary>
    private static void AppendParagraphs(StringBuilder html, string text, HtmlEncoder encode)
    {
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(line => encode.Encode(line)))).Append("</p>");
    }

    private static class Notes
    {
        public static string Corrects(Language language, string? original) => (language, original) switch
        {
            (Language.Kk, { } o) => $"Бұл хабарлама «{o}» мәлімдемесін түзетеді.",
            (Language.Kk, null) => "Бұл хабарлама бұрынғы мәлімдемені түзетеді.",
            (Language.Ru, { } o) => $"Это сообщение исправляет заявление «{o}».",
            (Language.Ru, null) => "Это сообщение исправляет предыдущее заявление.",
            (_, { } o) => $"This release corrects the statement \"{o}\".",
            _ => "This release corrects an earlier statement.",
        };
    }
}
