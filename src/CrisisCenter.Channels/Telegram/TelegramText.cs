using System.Text;

namespace CrisisCenter.Channels.Telegram;

/// <summary>
/// A message as Telegram shows it: plain text with bold and link runs, rendered to the Bot API's HTML parse mode.
/// Splitting works on the visible text (what Telegram counts against its limit after parsing entities) and every
/// part is rendered on its own, so a part never ends inside an entity or a tag and each is a well-formed fragment.
/// </summary>
public sealed class TelegramText
{
    /// <summary>Telegram's limit for one message: 4096 characters of text after entities are parsed.</summary>
    public const int MessageLimit = 4096;

    private readonly StringBuilder text = new();
    private readonly List<Run> runs = [];

    public int Length => text.Length;

    public TelegramText Plain(string value) => Add(value, null, bold: false);

    public TelegramText Bold(string value) => Add(value, null, bold: true);

    public TelegramText Link(string label, Uri url) => Add(label, url, bold: false);

    /// <summary>Starts a new paragraph (a blank line) unless the text is empty.</summary>
    public TelegramText Paragraph()
    {
        if (text.Length > 0) text.Append("\n\n");
        return this;
    }

    /// <summary>The whole text as one HTML fragment (callers that must fit one message use <see cref="ToParts"/>).</summary>
    public string ToHtml() => Render(0, text.Length);

    /// <summary>
    /// HTML fragments of at most <paramref name="limit"/> visible characters each, cut at the last paragraph break,
    /// else line break, else space in the second half of the window; a single word longer than that is cut hard
    /// (never between the halves of a surrogate pair). Whitespace at the cuts is dropped.
    /// </summary>
    public IReadOnlyList<string> ToParts(int limit = MessageLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        var visible = text.ToString();
        var parts = new List<string>();
        var start = SkipWhitespace(visible, 0);
        while (start < visible.Length)
        {
            var end = visible.Length - start <= limit ? visible.Length : CutPoint(visible, start, limit);
            var trimmed = end;
            while (trimmed > start && char.IsWhiteSpace(visible[trimmed - 1])) trimmed--;
            if (trimmed > start) parts.Add(Render(start, trimmed));
            start = SkipWhitespace(visible, end);
        }

        return parts;
    }

    /// <summary>Escapes text for Telegram's HTML mode: &amp;, &lt;, &gt; and the double quote (the named entities it knows).</summary>
    public static string Escape(string value)
    {
        var html = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            html.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => null,
            } ?? c.ToString());
        }

        return html.ToString();
    }

    private static int CutPoint(string visible, int start, int limit)
    {
        var windowEnd = start + limit;
        var earliest = start + limit / 2;
        foreach (var separator in new[] { "\n\n", "\n", " " })
        {
            var at = visible.LastIndexOf(separator, windowEnd - 1, windowEnd - start, StringComparison.Ordinal);
            if (at >= earliest) return at;
        }

        return char.IsHighSurrogate(visible[windowEnd - 1]) ? windowEnd - 1 : windowEnd;
    }

    private static int SkipWhitespace(string visible, int at)
    {
        while (at < visible.Length && char.IsWhiteSpace(visible[at])) at++;
        return at;
    }

    private TelegramText Add(string value, Uri? url, bool bold)
    {
        var normalized = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (normalized.Length == 0) return this;
        runs.Add(new Run(text.Length, normalized.Length, bold, url));
        text.Append(normalized);
        return this;
    }

    /// <summary>The HTML of visible characters [start, end): runs in their tags, the text between runs (paragraph
    /// breaks) escaped as is.</summary>
    private string Render(int start, int end)
    {
        var visible = text.ToString();
        var html = new StringBuilder();
        var at = start;
        foreach (var run in runs.Where(r => r.Start + r.Length > start && r.Start < end))
        {
            var from = Math.Max(run.Start, start);
            var to = Math.Min(run.Start + run.Length, end);
            if (from > at) html.Append(Escape(visible[at..from]));
            var escaped = Escape(visible[from..to]);
            html.Append(run switch
            {
                { Url: { } url } => $"<a href=\"{Escape(url.AbsoluteUri)}\">{escaped}</a>",
                { Bold: true } => $"<b>{escaped}</b>",
                _ => escaped,
            });
            at = to;
        }

        if (end > at) html.Append(Escape(visible[at..end]));
        return html.ToString();
    }

    private sealed record Run(int Start, int Length, bool Bold, Uri? Url);
}
