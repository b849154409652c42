using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Reminders;

/// <summary>
/// Runs on every node: every <see cref="ReminderOptions.EvaluationInterval"/> it scans the board for active incidents
/// whose public update is overdue and asks each incident to record the missed window. The command id is derived from
/// (incident, due time), so when several nodes notice the same window the grain records it once and answers the others
/// Duplicate; the incident itself refuses a window its history does not show as missed. Nothing is kept in memory
/// between evaluations: after a restart the board (rebuilt from the store) says what was already recorded.
/// </summary>
public sealed partial class UpdateReminders(
    IncidentBoard board, IGrainFactory grains, IncidentPolicy policy, IReadYourWrites readYourWrites, TimeProvider clock,
    IOptions<ReminderOptions> options, ILogger<UpdateReminders> logger) : BackgroundService
{
    /// <summary>The command id of "the update due at <paramref name="dueAt"/> was missed" for one incident.</summary>
    public static Guid CommandIdFor(Guid incidentId, DateTimeOffset dueAt) =>
        DeterministicGuid.Create(incidentId, "update-overdue:" + dueAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Looks at the board once; returns how many missed windows this call recorded (duplicates not counted).</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var recorded = 0;
        foreach (var incident in board.All())
        {
            if (MissedWindow(incident, now) is not { } dueAt) continue;
            var command = new RecordUpdateOverdue(incident.Id, new CommandContext(CommandIdFor(incident.Id, dueAt), Actor.System, now), dueAt);
            var outcome = await grains.GetGrain<IIncidentGrain>(incident.Id).Execute(new CommandEnvelope(command));
            switch (outcome.Status)
            {
                case CommandStatus.Accepted:
                    recorded++;
                    LogRecorded(incident.Code, dueAt);
                    // The board shows it before the next evaluation, so this node does not ask again.
                    await readYourWrites.WaitForAsync(outcome.Position, cancellationToken);
                    break;
                case CommandStatus.Rejected:
                    // The board was behind the incident (e.g. a publication it has not seen yet): the incident knows better.
                    LogRefused(incident.Code, dueAt, outcome.Error?.Code);
                    break;
            }
        }
        return recorded;
    }

    /// <summary>The due time of the window the board says is missed and not yet recorded.</summary>
    private DateTimeOffset? MissedWindow(IncidentSummary incident, DateTimeOffset now)
    {
        if (incident.Status != IncidentStatus.Active || policy.UpdateCadenceFor(incident.Severity) is not { } cadence) return null;
        var dueAt = UpdateWindows.LatestMissedWindow(UpdateWindows.ClockStart(incident.DeclaredAt, incident.LastPublishedAt), cadence, now);
        return dueAt is { } due && !(incident.LatestMissedUpdateDueAt >= due) ? due : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A silo not yet up or a store hiccup: the next tick tries again.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Code}: the public update due at {DueAt:O} was missed")]
    private partial void LogRecorded(string code, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Incident {Code}: no missed update at {DueAt:O} ({Reason})")]
    private partial void LogRefused(string code, DateTimeOffset dueAt, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evaluating update reminders failed")]
    private partial void LogFailed(Exception ex);
}
