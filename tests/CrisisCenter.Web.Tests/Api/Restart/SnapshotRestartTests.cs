using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Projections;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Cli;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Audit;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Api.Restart;

/// <summary>
/// An app whose incidents snapshot every <see cref="Interval"/> events, stopped and started again on the same data
/// directory, so the incident's grain starts from its snapshot. Snapshots must stay a cache: the timeline, the audit
/// trail, the hash-chain checks (endpoint and <c>verify-store</c>) and idempotent retries see exactly the events.
/// </summary>
public sealed class ApiRestartedWithSnapshots : IAsyncLifetime
{
    public const string Collection = "api restarted with incident snapshots";
    public const int Interval = 5;
    public const string RetriedKey = "update-retried-after-restart";
    private static readonly TimeSpan SnapshotPatience = TimeSpan.FromSeconds(30);

    private readonly TemporaryDataDirectory _data = new();
    private AgencyStaff? _staffBefore;

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        [$"{IncidentGrainOptions.SectionName}:{nameof(IncidentGrainOptions.SnapshotInterval)}"] = Interval.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public CrisisCenterApp App { get; private set; } = null!;
    public AgencyStaff Staff { get; private set; } = null!;
    public TemporaryDataDirectory Data => _data;
    public Guid Incident { get; private set; }
    public CommandAccepted RetriedBefore { get; private set; } = null!;
    public StoredSnapshot SnapshotBeforeStop { get; private set; } = null!;
    public IncidentDetail DetailBefore { get; private set; } = null!;
    public IReadOnlyList<TimelineEntry> TimelineBefore { get; private set; } = [];
    public IReadOnlyList<RecordedEvent> EventsBefore { get; private set; } = [];

    public string Stream => IncidentStreams.For(Incident);

    public async Task InitializeAsync()
    {
        await using (var first = await CrisisCenterApp.StartAsync(_data.Path, Settings))
        {
            _staffBefore = await AgencyStaff.EnrolAsync(first);
            var press = _staffBefore.PressOfficer;
            Incident = (await press.DeclareIncidentAsync()).IncidentId;
            RetriedBefore = await press.LogSituationUpdateAsync(Incident, RetriedKey);
            for (var i = 0; i < 6; i++)
                await press.LogSituationUpdateAsync(Incident);
            var statement = await press.SubmitNewStatementAsync(Incident);
            var approved = await _staffBefore.Approver.ApproveAsync(statement);
            SnapshotBeforeStop = await WaitForSnapshotAsync(first, approved.Revision);

            DetailBefore = await press.GetIncidentAsync(Incident);
            TimelineBefore = await press.TimelineAsync(Incident);
            EventsBefore = await ReadStreamAsync(first.Store, Stream);
        }

        App = await CrisisCenterApp.StartAsync(_data.Path, Settings);
        Staff = _staffBefore.On(App);
    }

    public static async Task<List<RecordedEvent>> ReadStreamAsync(IEventStore store, string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream))
            events.Add(e);
        return events;
    }

    /// <summary>Snapshots are written off the command's path: wait until one covers at least <paramref name="revision"/>
    /// minus an interval (the cadence decides the exact revision).</summary>
    private async Task<StoredSnapshot> WaitForSnapshotAsync(CrisisCenterApp app, long revision)
    {
        var snapshots = app.Services.GetRequiredService<ISnapshotStore>();
        var deadline = DateTime.UtcNow + SnapshotPatience;
        while (true)
        {
            if (await snapshots.ReadSnapshotAsync(Stream) is { } stored && stored.Revision > revision - Interval)
                return stored;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No snapshot of {Stream} near revision {revision} within {SnapshotPatience}.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        Staff?.Dispose();
        _staffBefore?.Dispose();
        if (App is not null) await App.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(ApiRestartedWithSnapshots.Collection)]
public sealed class ApiRestartedWithSnapshotsCollection : ICollectionFixture<ApiRestartedWithSnapshots>;

[Collection(ApiRestartedWithSnapshots.Collection)]
public sealed class SnapshotRestartTests(ApiRestartedWithSnapshots restarted)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_incident_restarted_from_its_snapshot_is_as_it_was_and_its_timeline_holds_exactly_the_events()
    {
        restarted.SnapshotBeforeStop.Revision.Should().BeGreaterThanOrEqualTo(ApiRestartedWithSnapshots.Interval - 1);

        var detail = await restarted.Staff.PressOfficer.GetIncidentAsync(restarted.Incident);
        var timeline = await restarted.Staff.PressOfficer.TimelineAsync(restarted.Incident);

        detail.Should().BeEquivalentTo(restarted.DetailBefore);
        timeline.Should().BeEquivalentTo(restarted.TimelineBefore, o => o.WithStrictOrdering());
        timeline.Select(e => e.EventId).Should().Equal(restarted.EventsBefore.Select(e => e.EventId), "the timeline is the stream, snapshots are no entries");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_command_retried_after_the_restart_is_a_duplicate_and_appends_nothing()
    {
        var retried = await restarted.Staff.PressOfficer.LogSituationUpdateAsync(restarted.Incident, ApiRestartedWithSnapshots.RetriedKey);

        retried.Should().Be(restarted.RetriedBefore with { Duplicate = true });
        (await ApiRestartedWithSnapshots.ReadStreamAsync(restarted.App.Store, restarted.Stream)).Should().HaveCount(restarted.EventsBefore.Count);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_audit_trail_and_the_hash_chain_checks_see_only_events()
    {
        var audit = await restarted.Staff.Admin.ReadAllAsync(q => AuditRoutes.ForIncident(restarted.Incident, q));
        var verification = await restarted.Staff.Admin.VerifyAsync(restarted.Incident);

        audit.Select(e => e.EventId).Should().Equal(restarted.EventsBefore.Select(e => e.EventId));
        audit.Should().OnlyContain(e => e.Stream == restarted.Stream);
        verification.IsIntact.Should().BeTrue(verification.Problem);
        verification.EventsChecked.Should().Be(restarted.EventsBefore.Count);

        var report = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CrisisCenter:DataDirectory"] = restarted.Data.Path })
            .Build();
        (await CommandLine.RunAsync(["verify-store"], configuration, contentRoot: restarted.Data.Path, report)).Should().Be(0, report.ToString());
        report.ToString().Should().Contain("intact").And.NotContain("snapshot");
    }
}
