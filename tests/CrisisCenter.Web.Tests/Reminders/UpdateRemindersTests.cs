using System.Net;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reminders;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrisisCenter.Web.Tests.Reminders;

/// <summary>
/// The update reminders on the real app: a missed window becomes one <c>incident.update_overdue.v1</c> fact however many
/// nodes (service instances) notice it, a restart does not record it again, and the next missed window is recorded.
/// Each test runs its own app: the reminders scan every incident of the board, so they must not touch other tests' ones.
/// </summary>
public sealed class UpdateRemindersTests : IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromMinutes(60);
    private readonly string _dataDirectory = CrisisCenterApp.NewDataDirectory();
    private CrisisCenterApp _app = null!;
    private AgencyStaff _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await CrisisCenterApp.StartAsync(_dataDirectory, new Dictionary<string, string?> { ["CrisisCenter:Reminders:ApprovalWaitingThreshold"] = "00:00:01" });
        _staff = await AgencyStaff.EnrolAsync(_app);
    }

    public async Task DisposeAsync()
    {
        _staff?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private UpdateReminders Node(TimeProvider clock) =>
        ActivatorUtilities.CreateInstance<UpdateReminders>(_app.Services, clock);

    private async Task<List<IncidentUpdateOverdue>> OverdueFactsAsync(Guid incidentId)
    {
        var facts = new List<IncidentUpdateOverdue>();
        await foreach (var recorded in _app.Store.ReadStreamAsync(IncidentStreams.For(incidentId)))
            if (recorded.Type == "incident.update_overdue.v1")
                facts.Add(System.Text.Json.JsonSerializer.Deserialize<IncidentUpdateOverdue>(recorded.Data.Span, Grains.Serialization.DomainJson.Options)!);
        return facts;
    }

    private async Task BoardCaughtUpAsync(Guid incidentId)
    {
        // Find also answers from the stored rows, so the row alone can show before the host has restored the board
        // into memory (which the reminders walk): wait for the host first.
        await _app.Services.GetRequiredService<ProjectionHost>().WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_app.Services.GetRequiredService<IncidentBoard>().Find(incidentId)?.LatestMissedUpdateDueAt is null && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    private IncidentSummary Row(Guid incidentId) => _app.Services.GetRequiredService<IncidentBoard>().Find(incidentId)!;

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task a_missed_window_is_recorded_once_by_two_nodes_and_not_again_after_a_restart_and_the_next_one_is()
    {
        var incident = await _staff.PressOfficer.DeclareIncidentAsync(severity: "Extreme");
        var declaredAt = Row(incident.IncidentId).DeclaredAt;
        var clock = new FakeTimeProvider(declaredAt + Hour + TimeSpan.FromMinutes(1));

        // Two nodes notice the same missed window at the same moment.
        var first = Node(clock).EvaluateAsync();
        var second = Node(clock).EvaluateAsync();
        (await Task.WhenAll(first, second)).Sum().Should().Be(1);
        (await Node(clock).EvaluateAsync()).Should().Be(0, "the window is recorded already");

        var facts = await OverdueFactsAsync(incident.IncidentId);
        facts.Should().ContainSingle().Which.Should().BeEquivalentTo(new { DueAt = declaredAt + Hour, Cadence = Hour, By = Actor.SystemUserId });
        Row(incident.IncidentId).UpdateOverdueSince.Should().Be(declaredAt + Hour);
        (await _staff.PressOfficer.TimelineAsync(incident.IncidentId)).Should().Contain(e => e.Summary.StartsWith("Public update overdue", StringComparison.Ordinal));

        // A restart: new app on the same store, new service instance, same clock.
        await _app.DisposeAsync();
        _app = await CrisisCenterApp.StartAsync(_dataDirectory);
        await BoardCaughtUpAsync(incident.IncidentId);
        (await Node(clock).EvaluateAsync()).Should().Be(0, "the fact is in the store and the rebuilt board knows it");
        (await OverdueFactsAsync(incident.IncidentId)).Should().HaveCount(1);

        clock.Advance(Hour);
        (await Node(clock).EvaluateAsync()).Should().Be(1);
        (await OverdueFactsAsync(incident.IncidentId)).Select(f => f.DueAt).Should().Equal(declaredAt + Hour, declaredAt + 2 * Hour);
        Row(incident.IncidentId).UpdateOverdueSince.Should().Be(declaredAt + Hour, "still overdue since the first missed window");
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task nothing_is_recorded_before_the_cadence_passes_nor_for_a_minor_incident()
    {
        var extreme = await _staff.PressOfficer.DeclareIncidentAsync(severity: "Extreme");
        var minor = await _staff.PressOfficer.DeclareIncidentAsync(severity: "Minor");
        var clock = new FakeTimeProvider(Row(extreme.IncidentId).DeclaredAt + TimeSpan.FromMinutes(59));

        (await Node(clock).EvaluateAsync()).Should().Be(0);
        clock.Advance(TimeSpan.FromDays(2));
        (await Node(clock).EvaluateAsync()).Should().Be(1, "only the extreme incident has a cadence");
        (await OverdueFactsAsync(minor.IncidentId)).Should().BeEmpty();
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task a_publication_clears_the_overdue_warning_and_restarts_the_clock()
    {
        var incident = await _staff.PressOfficer.DeclareIncidentAsync(severity: "Moderate");
        var clock = new FakeTimeProvider(Row(incident.IncidentId).DeclaredAt + TimeSpan.FromMinutes(241));
        (await Node(clock).EvaluateAsync()).Should().Be(1);

        var statement = await _staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await _staff.Approver.ApproveAsync(statement);
        await _staff.PressOfficer.PublishAsync(statement, "website");

        var row = Row(incident.IncidentId);
        row.UpdateOverdueSince.Should().BeNull();
        var publishedAt = row.LastPublishedAt!.Value;

        // The first check ran ahead of the real clock; look again from just before the publication's window ends.
        var later = new FakeTimeProvider(publishedAt + TimeSpan.FromMinutes(239));
        (await Node(later).EvaluateAsync()).Should().Be(0, "the publication restarted the clock");
        later.Advance(TimeSpan.FromMinutes(2));
        (await Node(later).EvaluateAsync()).Should().Be(1);
        (await OverdueFactsAsync(incident.IncidentId)).Last().DueAt.Should().Be(publishedAt + TimeSpan.FromMinutes(240));
        Row(incident.IncidentId).UpdateOverdueSince.Should().Be(publishedAt + TimeSpan.FromMinutes(240));
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task approvers_see_which_requests_waited_too_long()
    {
        var incident = await _staff.PressOfficer.DeclareIncidentAsync();
        var statement = await _staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the threshold of this app is one second

        var queue = await _staff.Approver.ApprovalQueueAsync();

        queue.Should().ContainSingle(a => a.StatementId == statement.StatementId).Which.WaitingTooLong.Should().BeTrue();
    }
}
