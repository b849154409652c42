using System.Globalization;

namespace CrisisCenter.Domain;

/// <summary>
/// The one rule for the characters a stored text may hold, applied by <see cref="Require"/> to every text field of
/// every command. Whatever is stored is published - feeds, CAP, pages, Telegram, e-mail, webhooks - and kept for
/// ever, so a text is refused (never silently changed: the approved content hash covers the words as written) when
/// it holds a character that some public format cannot carry or that changes how the text reads:
/// <list type="bullet">
/// <item>C0 controls except tab, line feed and carriage return (XML 1.0 cannot carry them; a vertical tab pasted
/// from a word processor once took the feeds down), DEL and the C1 controls (U+007F–U+009F);</item>
/// <item>a surrogate without its pair (not a character at all: it cannot be written as UTF-8);</item>
/// <item>U+FFFE and U+FFFF (non-characters, outside XML 1.0);</item>
/// <item>bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what a
/// reader sees (an incident title shown reversed), the classic way to make a text say something else than it
/// stores. Left-to-right and right-to-left marks (U+200E, U+200F) stay allowed: they only hint direction.</item>
/// </list>
/// Everything else - every script, NBSP, emoji, zero-width joiners - is allowed.
/// </summary>
public static class TextPolicy
{
    /// <summary>The first character of <paramref name="text"/> the policy refuses, or null when it holds none.</summary>
    public static ForbiddenCharacter? FirstForbidden(string? text)
    {
        if (text is null)
        {
            return null;
        }

        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
                continue;
            }

            if (IsForbidden(c))
            {
                return new ForbiddenCharacter(c, index);
            }
        }

        return null;
    }

    /// <summary>True for a UTF-16 unit the policy refuses on its own (a surrogate counts when unpaired; the caller
    /// skips valid pairs).</summary>
    public static bool IsForbidden(char c) =>
        (c < '\u0020' && c is not ('\t' or '\n' or '\r'))
        || c is >= '\u007F' and <= '\u009F'
        || char.IsSurrogate(c)
        || c is '\uFFFE' or '\uFFFF'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>
    /// For texts the platform itself records from outside answers (a channel's error message, a remote id), which
    /// must be stored rather than refused: every refused character becomes U+FFFD, the replacement character.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FirstForbidden(text) is null)
        {
            return text;
        }

        var cleaned = text.ToCharArray();
        for (var index = 0; index < cleaned.Length; index++)
        {
            if (char.IsHighSurrogate(cleaned[index]) && index + 1 < cleaned.Length && char.IsLowSurrogate(cleaned[index + 1]))
            {
                index++;
            }
            else if (IsForbidden(cleaned[index]))
            {
                cleaned[index] = '\uFFFD';
            }
        }

        return new string(cleaned);
    }

    /// <summary>"U+000B (vertical tab)": the code point and, where it has one, the name people know it by.</summary>
    public static string Describe(char c)
    {
        var code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return $"{code} ({NameOf(c)})";
    }

    private static string NameOf(char c) => c switch
    {
        '\u0000' => "null character",
        '\u0008' => "backspace",
        '\u000B' => "vertical tab",
        '\u000C' => "form feed",
        '\u001B' => "escape",
        '\u007F' => "delete",
        '\u0085' => "next line",
        '\u202A' => "left-to-right embedding",
        '\u202B' => "right-to-left embedding",
        '\u202C' => "pop directional formatting",
        '\u202D' => "left-to-right override",
        '\u202E' => "right-to-left override",
        '\u2066' => "left-to-right isolate",
        '\u2067' => "right-to-left isolate",
        '\u2068' => "first strong isolate",
        '\u2069' => "pop directional isolate",
        '\uFFFE' or '\uFFFF' => "non-character",
        _ when char.IsSurrogate(c) => "half of a surrogate pair without its other half",
        _ => "control character",
    };
}

/// <summary>A character <see cref="TextPolicy"/> refuses and where it is (a 0-based UTF-16 index).</summary>
public readonly record struct ForbiddenCharacter(char Character, int Index)
{
    public string CodePoint => "U+" + ((int)Character).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>What a person is told, after the field's name: "contains U+000B (vertical tab) at character 13, …".</summary>
    public string Explanation =>
        $"contains {this} at character {Index + 1}, which cannot be published; remove it"
        + (Character is '\u000B' or '\u000C' ? " or replace it with a line break." : ".");

    public override string ToString() => TextPolicy.Describe(Character);
}
