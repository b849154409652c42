using System.Text;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// Stored text made fit for a public document. The domain refuses what <see cref="TextPolicy"/> forbids, but events
/// stored before that rule existed are kept for ever and must still render: every public writer (RSS, Atom, CAP,
/// JSON Feed, HTML pages) passes its text through here instead of answering 500. A vertical tab or form feed (a
/// word processor's line break) becomes a line feed; every other refused character - controls XML 1.0 cannot carry,
/// unpaired surrogates, U+FFFE/U+FFFF, bidirectional embeddings, overrides and isolates - is dropped.
/// </summary>
public static class PublicText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (TextPolicy.FirstForbidden(text) is null) return text;

        var clean = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                clean.Append(c).Append(text[++index]);
            }
            else if (c is '\u000B' or '\u000C')
            {
                clean.Append('\n');
            }
            else if (!TextPolicy.IsForbidden(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
