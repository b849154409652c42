namespace CrisisCenter.Application.Projections;

/// <summary>Section "ReadStore": where a node keeps its read models on disk and how it feeds them.</summary>
public sealed class ReadStoreOptions
{
    public const string Section = "ReadStore";

    /// <summary>The node's read store file (SQLite, WAL); the host sets it to {DataDirectory}/readmodels.db unless given.
    /// Null keeps the read models in memory, rebuilt from the first event at every start (tests, tools).</summary>
    public string? Path { get; set; }

    /// <summary>Most events applied in one transaction (rows plus checkpoint); fewer when no more are waiting.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Incidents whose KPI report is kept in memory between requests (least recently asked for go first).</summary>
    public int KpiCacheSize { get; set; } = 256;
}
