using System.Diagnostics.CodeAnalysis;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// A timeline entry's <see cref="TimelineEntry.Details"/>: a handful of text values in two arrays, looked up by a
/// linear scan, in the order they were added (which is the order they are written in JSON). Every node keeps every
/// entry, and a hash dictionary plus its read-only wrapper cost about three times as much for the 2 to 12 values an
/// entry has.
/// </summary>
internal sealed class CompactDetails : IReadOnlyDictionary<string, string?>
{
    public static readonly CompactDetails Empty = new([], []);

    private readonly string[] _keys;
    private readonly string?[] _values;

    private CompactDetails(string[] keys, string?[] values)
    {
        _keys = keys;
        _values = values;
    }

    public static CompactDetails From(IReadOnlyCollection<KeyValuePair<string, string?>> details)
    {
        if (details.Count == 0)
        {
            return Empty;
        }

        var keys = new string[details.Count];
        var values = new string?[details.Count];
        var i = 0;
        foreach (var (key, value) in details)
        {
            keys[i] = key;
            values[i++] = value;
        }

        return new CompactDetails(keys, values);
    }

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<string?> Values => _values;

    public string? this[string key] => IndexOf(key) is var i and >= 0 ? _values[i] : throw new KeyNotFoundException($"No detail '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, string?>(_keys[i], _values[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
