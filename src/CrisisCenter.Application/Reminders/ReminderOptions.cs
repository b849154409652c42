using System.ComponentModel.DataAnnotations;

namespace CrisisCenter.Application.Reminders;

/// <summary>
/// How often the reminders look, and when a waiting approval counts as waiting too long. The update cadence itself is
/// domain policy (<see cref="CrisisCenter.Domain.IncidentPolicy.UpdateCadence"/>), because the incident decides
/// whether an update is really overdue.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "CrisisCenter:Reminders";

    /// <summary>How often each node evaluates the board for missed updates.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An approval request older than this is flagged to approvers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ApprovalWaitingThreshold { get; set; } = TimeSpan.FromMinutes(30);
}
