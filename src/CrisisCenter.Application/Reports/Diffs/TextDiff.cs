using System.Text.RegularExpressions;

namespace CrisisCenter.Application.Reports;

public enum DiffOperation
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of text that both versions share, or that only the old (Removed) or the new (Added) one has.</summary>
public sealed record DiffSpan(DiffOperation Operation, string Text);

/// <summary>
/// Word-level difference between two texts: the longest common subsequence of words and whitespace runs, so the
/// spans concatenate back to either text exactly (Same + Removed = old, Same + Added = new). Shared beginnings and
/// endings are split off first; when what remains is too large to compare word by word (both sides thousands of
/// words) it is reported as one removal and one addition rather than spending quadratic time.
/// </summary>
public static partial class TextDiff
{
    private const long MaxComparedCells = 4_000_000;

    public static IReadOnlyList<DiffSpan> Between(string? before, string? after)
    {
        var old = Tokens(before ?? "");
        var @new = Tokens(after ?? "");
        var prefix = 0;
        while (prefix < old.Length && prefix < @new.Length && old[prefix] == @new[prefix]) prefix++;
        var suffix = 0;
        while (suffix < old.Length - prefix && suffix < @new.Length - prefix && old[^(suffix + 1)] == @new[^(suffix + 1)]) suffix++;

        var spans = new List<DiffSpan>();
        Add(spans, DiffOperation.Same, old.AsSpan(0, prefix));
        Middle(spans, old[prefix..(old.Length - suffix)], @new[prefix..(@new.Length - suffix)]);
        Add(spans, DiffOperation.Same, old.AsSpan(old.Length - suffix, suffix));
        return spans;
    }

    private static void Middle(List<DiffSpan> spans, string[] old, string[] @new)
    {
        if ((long)old.Length * @new.Length > MaxComparedCells)
        {
            Add(spans, DiffOperation.Removed, old);
            Add(spans, DiffOperation.Added, @new);
            return;
        }

        // lengths[i, j] = LCS length of old[i..] and new[j..].
        var lengths = new int[old.Length + 1, @new.Length + 1];
        for (var i = old.Length - 1; i >= 0; i--)
            for (var j = @new.Length - 1; j >= 0; j--)
                lengths[i, j] = old[i] == @new[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);

        int a = 0, b = 0;
        while (a < old.Length || b < @new.Length)
        {
            if (a < old.Length && b < @new.Length && old[a] == @new[b]) { Add(spans, DiffOperation.Same, [old[a]]); a++; b++; }
            // On a tie the removal goes first, so a replaced word reads "old, then new".
            else if (a < old.Length && (b == @new.Length || lengths[a + 1, b] >= lengths[a, b + 1])) { Add(spans, DiffOperation.Removed, [old[a]]); a++; }
            else { Add(spans, DiffOperation.Added, [@new[b]]); b++; }
        }
    }

    // Adjacent tokens of the same operation merge into one span.
    private static void Add(List<DiffSpan> spans, DiffOperation operation, ReadOnlySpan<string> tokens)
    {
        if (tokens.IsEmpty) return;
        var text = string.Concat(tokens);
        if (spans.Count > 0 && spans[^1].Operation == operation)
            spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
        else
            spans.Add(new DiffSpan(operation, text));
    }

    private static string[] Tokens(string text) => [.. WordsAndSpaces().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\s+|[^\s]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordsAndSpaces();
}
