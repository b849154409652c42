using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Reminders;

/// <summary>An active incident owes the public an update every cadence period (by severity) after its last
/// publication, or after its declaration before any; each missed window is recorded once, by the platform.</summary>
public class UpdateOverdueTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromMinutes(60);

    private static RecordUpdateOverdue Check(int atMinute, DateTimeOffset dueAt, Actor? actor = null) =>
        new(IncidentId, By(actor ?? SystemActor, At(atMinute)), dueAt);

    private static IncidentUpdateOverdue Overdue(int atMinute, DateTimeOffset dueAt, TimeSpan cadence) =>
        new(IncidentId, Actor.SystemUserId, At(atMinute), dueAt, cadence);

    [Fact]
    public void an_extreme_incident_with_nothing_published_for_an_hour_after_declaration_is_overdue()
    {
        var state = Given(Declared(Severity.Extreme)).When(Check(61, At(60))).Then(Overdue(61, At(60), Hour));

        state.LastOverdueDueAt.Should().Be(At(60));
    }

    [Fact]
    public void before_the_cadence_has_passed_nothing_is_overdue() =>
        Given(Declared(Severity.Extreme)).When(Check(59, At(60))).ThenRejects(DomainErrors.UpdateNotOverdue, ErrorKind.Conflict);

    [Fact]
    public void the_cadence_follows_the_severity_severe_two_hours_moderate_four()
    {
        Given(Declared(Severity.Severe)).When(Check(90, At(60))).ThenRejects(DomainErrors.UpdateNotOverdue);
        Given(Declared(Severity.Severe)).When(Check(121, At(120))).Then(Overdue(121, At(120), TimeSpan.FromMinutes(120)));
        Given(Declared(Severity.Moderate)).When(Check(241, At(240))).Then(Overdue(241, At(240), TimeSpan.FromMinutes(240)));
    }

    [Fact]
    public void a_minor_incident_has_no_cadence() =>
        Given(Declared(Severity.Minor)).When(Check(10_000, At(60))).ThenRejects(DomainErrors.NoUpdateCadence);

    [Fact]
    public void the_cadence_runs_from_the_last_publication()
    {
        // Published at minute 20: the next update is due at minute 80, not 60.
        var history = PublishedStatementOf(Severity.Extreme);

        Given(history).When(Check(70, At(60))).ThenRejects(DomainErrors.UpdateNotOverdue);
        Given(history).When(Check(81, At(80))).Then(Overdue(81, At(80), Hour));
    }

    [Fact]
    public void each_missed_window_is_recorded_once()
    {
        Given(Declared(Severity.Extreme), Overdue(61, At(60), Hour))
            .When(Check(75, At(60)))
            .ThenRejects(DomainErrors.UpdateOverdueAlreadyRecorded, ErrorKind.Conflict);
    }

    [Fact]
    public void the_next_window_missed_is_recorded_again() =>
        Given(Declared(Severity.Extreme), Overdue(61, At(60), Hour))
            .When(Check(121, At(120)))
            .Then(Overdue(121, At(120), Hour));

    [Fact]
    public void the_due_time_named_must_be_the_window_the_history_says_was_missed()
    {
        // A reader that missed the publication at minute 20 would name minute 60: the incident knows better.
        Given(PublishedStatementOf(Severity.Extreme)).When(Check(85, At(60))).ThenRejects(DomainErrors.UpdateNotOverdue);
    }

    [Fact]
    public void only_the_platform_records_a_missed_update() =>
        Given(Declared(Severity.Extreme)).When(Check(61, At(60), PressOfficer)).ThenRejects(DomainErrors.SystemOnly, ErrorKind.Forbidden);

    [Fact]
    public void a_stabilized_incident_owes_no_updates() =>
        Given(Declared(Severity.Extreme), new IncidentStabilized(IncidentId, PressOfficer.UserId, At(10), null))
            .When(Check(61, At(60)))
            .ThenRejects(DomainErrors.IncidentNotActive);

    [Fact]
    public void a_closed_incident_owes_no_updates() =>
        Given(Declared(Severity.Extreme), new IncidentClosed(IncidentId, PressOfficer.UserId, At(10), "Over."))
            .When(Check(61, At(60)))
            .ThenRejects(DomainErrors.IncidentClosed);

    [Fact]
    public void a_publication_restarts_the_clock_in_state()
    {
        var state = Incident.Replay([.. PublishedStatementOf(Severity.Extreme)]);

        state.LastPublishedAt.Should().Be(At(20));
    }

    [Fact]
    public void the_cadence_is_policy()
    {
        var fast = IncidentPolicy.Default with { UpdateCadence = new Dictionary<Severity, TimeSpan> { [Severity.Minor] = TimeSpan.FromMinutes(15) } };

        Given(Declared(Severity.Minor)).WithPolicy(fast).When(Check(31, At(30))).Then(Overdue(31, At(30), TimeSpan.FromMinutes(15)));
    }

    private static IncidentEvent[] PublishedStatementOf(Severity severity) =>
        [Declared(severity), Drafted(), Submitted(), Approved(), Approved(SecondApprover, soFar: 2, required: 2), Published(["telegram"]),
         Scheduled("telegram", Language.Kk), Scheduled("telegram", Language.Ru)];
}
