using System.ComponentModel.DataAnnotations;

namespace CrisisCenter.Web.Hosting;

/// <summary>Section "CrisisCenter" of the configuration. Validated at start.</summary>
public sealed class CrisisCenterOptions
{
    public const string Section = "CrisisCenter";

    /// <summary>Folder for the SQLite store and data-protection keys; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Create demo agencies' users and a demo incident on an empty store, and print the demo accounts.</summary>
    public bool SeedDemo { get; set; }
}

/// <summary>Section "EventStore".</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    public EventStoreBackend Backend { get; set; } = EventStoreBackend.Sqlite;

    /// <summary>SQLite: a file path (default {DataDirectory}/crisiscenter.db). EventStoreDB: esdb://host:port?tls=...</summary>
    public string? ConnectionString { get; set; }
}

public enum EventStoreBackend { Sqlite, EventStoreDb }

/// <summary>Section "Orleans": the co-hosted silo. Defaults fit one node on this machine.</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "crisiscenter";
    public string ServiceId { get; set; } = "crisiscenter";
}
