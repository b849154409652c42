using System.ComponentModel.DataAnnotations;

namespace CrisisCenter.Web.Hosting;

/// <summary>Section "CrisisCenter" of the configuration. Validated at start.</summary>
public sealed class CrisisCenterOptions : IValidatableObject
{
    public const string Section = "CrisisCenter";

    /// <summary>Folder for the SQLite store and data-protection keys; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Create demo agencies' users and a demo incident on an empty store, and print the demo accounts.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Folder of the ASP.NET Core data-protection keys that sign cookies and bearer tokens; default
    /// {DataDirectory}/keys. Several nodes must share it (a shared volume), or a token one node issued is refused
    /// by the others.</summary>
    public string? DataProtectionKeysDirectory { get; set; }

    /// <summary>The office's time zone (an IANA id such as Asia/Almaty, Asia/Aqtau, UTC): the dashboard shows times
    /// and reads typed dates on its clock, whatever the browser's own zone and locale, and so does the printed report.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Almaty";

    /// <summary>The zone <see cref="TimeZone"/> names (validated at start).</summary>
    public TimeZoneInfo OfficeTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"{Section}:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Almaty).", [nameof(TimeZone)]);
    }

    /// <summary>The keys folder as an absolute path.</summary>
    public string KeysDirectory(string dataDirectory, string contentRoot) =>
        string.IsNullOrWhiteSpace(DataProtectionKeysDirectory)
            ? Path.Combine(dataDirectory, "keys")
            : Path.GetFullPath(DataProtectionKeysDirectory, contentRoot);
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
