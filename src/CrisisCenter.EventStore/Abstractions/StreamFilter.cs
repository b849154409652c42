namespace CrisisCenter.EventStore;

/// <summary>Selects streams by name prefix (e.g. "incident-"). No prefixes means every stream,
/// except system streams starting with '$'.</summary>
public sealed record StreamFilter(IReadOnlyList<string> Prefixes)
{
    public static StreamFilter Prefix(params string[] prefixes) => new(prefixes);

    public bool Matches(string stream) =>
        !stream.StartsWith('$') && (Prefixes.Count == 0 || Prefixes.Any(p => stream.StartsWith(p, StringComparison.Ordinal)));
}
