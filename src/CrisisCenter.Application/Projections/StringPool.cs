namespace CrisisCenter.Application.Projections;

/// <summary>
/// One shared instance per distinct value of the few-valued strings a read model keeps for every event (event
/// types, stream names, actor ids and names, agency codes, sessions, role lists). Each event read from the store
/// brings fresh copies of them, and read models keep every event, so without pooling the same "press.mes" or
/// "situation_update.logged.v1" is held once per event. The values are bounded by users, sessions, incidents and
/// event types, all of which the read models hold anyway. Not thread-safe: each read model's single feed owns one.
/// </summary>
internal sealed class StringPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _lists = new(StringComparer.Ordinal);

    public string? Get(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        _strings.Add(value);
        return value;
    }

    /// <summary>The pooled list with the same items, in order (role lists: a handful of combinations).</summary>
    public IReadOnlyList<string> Get(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return [];
        }

        var key = string.Join('\n', values);
        if (_lists.TryGetValue(key, out var pooled))
        {
            return pooled;
        }

        IReadOnlyList<string> list = Array.AsReadOnly(values.Select(v => Get(v)!).ToArray());
        _lists.Add(key, list);
        return list;
    }
}
