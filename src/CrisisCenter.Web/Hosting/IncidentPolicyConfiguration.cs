using System.Globalization;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.Hosting;

/// <summary>
/// Reads the configurable parts of the <see cref="IncidentPolicy"/> at start: <c>CrisisCenter:UpdateCadence:&lt;Severity&gt;</c>
/// (a TimeSpan such as <c>01:00:00</c>) sets how often an active incident of that severity must publish an update.
/// A severity not configured keeps the default cadence (Moderate 4 h, Severe 2 h, Extreme 1 h, Minor none). One policy
/// serves the grains' decisions, the reminders and the read side, so they never disagree about when an update is due.
/// </summary>
public static class IncidentPolicyConfiguration
{
    public const string UpdateCadenceSection = CrisisCenterOptions.Section + ":UpdateCadence";

    /// <summary>The policy the configuration describes; throws naming every bad key, so a wrong setting stops the start.</summary>
    public static IncidentPolicy Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var cadence = new Dictionary<Severity, TimeSpan>(IncidentPolicy.Default.UpdateCadence);
        foreach (var entry in configuration.GetSection(UpdateCadenceSection).GetChildren())
        {
            var key = $"{UpdateCadenceSection}:{entry.Key}";
            if (!Enum.TryParse<Severity>(entry.Key, ignoreCase: true, out var severity) || !Enum.IsDefined(severity) || int.TryParse(entry.Key, out _))
            {
                problems.Add($"{key}: '{entry.Key}' is not a severity (use {string.Join(", ", Enum.GetNames<Severity>())}).");
                continue;
            }
            if (!TimeSpan.TryParse(entry.Value, CultureInfo.InvariantCulture, out var every))
            {
                problems.Add($"{key}: '{entry.Value}' is not a duration (hh:mm:ss, e.g. 01:00:00).");
                continue;
            }
            if (every <= TimeSpan.Zero)
            {
                problems.Add($"{key}: {entry.Value} must be positive.");
                continue;
            }
            cadence[severity] = every;
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Invalid configuration: " + string.Join(" ", problems));
        return IncidentPolicy.Default with { UpdateCadence = cadence };
    }
}
