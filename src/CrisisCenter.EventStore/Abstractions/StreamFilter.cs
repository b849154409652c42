namespace CrisisCenter.EventStore;

/// <summary>Selects streams by name prefix (e.g. "incident-"). No prefixes means every stream,
/// except system streams starting with '$'; those match only a prefix that itself starts with '$'.</summary>
public sealed record StreamFilter(IReadOnlyList<string> Prefixes)
{
    public static StreamFilter Prefix(params string[] prefixes) => new(prefixes);

    public bool Matches(string stream) =>
        Prefixes.Count == 0
            ? !IsSystemStream(stream)
            : Prefixes.Any(p => stream.StartsWith(p, StringComparison.Ordinal) && (IsSystemStream(p) || !IsSystemStream(stream)));

    public static bool IsSystemStream(string stream) => stream.StartsWith('$');
}
