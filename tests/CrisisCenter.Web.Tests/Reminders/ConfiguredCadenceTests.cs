using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reminders;
using CrisisCenter.Domain;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrisisCenter.Web.Tests.Reminders;

/// <summary>
/// A cadence set in configuration is the one the reminders look for and the incident decides with: an Extreme incident
/// configured for 20 minutes is overdue after 20 minutes, not after the default hour.
/// </summary>
public sealed class ConfiguredCadenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Configured = TimeSpan.FromMinutes(20);
    private CrisisCenterApp _app = null!;
    private AgencyStaff _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?> { ["CrisisCenter:UpdateCadence:Extreme"] = "00:20:00" });
        _staff = await AgencyStaff.EnrolAsync(_app);
    }

    public async Task DisposeAsync()
    {
        _staff?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private UpdateReminders Node(TimeProvider clock) => ActivatorUtilities.CreateInstance<UpdateReminders>(_app.Services, clock);

    private IncidentSummary Row(Guid incidentId) => _app.Services.GetRequiredService<IncidentBoard>().Find(incidentId)!;

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task the_overdue_warning_fires_after_the_configured_cadence()
    {
        _app.Services.GetRequiredService<IncidentPolicy>().UpdateCadenceFor(Severity.Extreme).Should().Be(Configured);
        var incident = await _staff.PressOfficer.DeclareIncidentAsync(severity: "Extreme");
        var declaredAt = Row(incident.IncidentId).DeclaredAt;
        var clock = new FakeTimeProvider(declaredAt + Configured - TimeSpan.FromMinutes(1));

        (await Node(clock).EvaluateAsync()).Should().Be(0, "the configured window has not passed yet");
        Row(incident.IncidentId).UpdateOverdueSince.Should().BeNull();

        clock.Advance(TimeSpan.FromMinutes(2)); // 21 minutes: long before the default hour
        (await Node(clock).EvaluateAsync()).Should().Be(1, "the incident accepts the window its configured cadence missed");
        Row(incident.IncidentId).UpdateOverdueSince.Should().Be(declaredAt + Configured);
    }
}
