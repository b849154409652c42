using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Integrity;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Restart;

/// <summary>
/// An app that ran a day's work, was stopped, and started again on the same data directory. Before the restart:
/// incident <see cref="Published"/> got a situation update, a statement approved and published, and a second one
/// submitted; incident <see cref="Quiet"/> was only declared. While the app was down, incident
/// <see cref="WrittenWhileDown"/> got one more event, appended straight to the store file (as another node sharing
/// the file would), and in incident <see cref="Tampered"/> someone with access to the disk rewrote the text of a
/// drafted statement. What the API answered just before the stop is kept to compare with after.
/// </summary>
public sealed class ApiRestartedOnItsDataDirectory : IAsyncLifetime
{
    public const string Collection = "api restarted on its data directory";
    public const string LastCommandKey = "last-update-before-restart";

    /// <summary>The revision of <see cref="Tampered"/> whose data was rewritten: its drafted statement.</summary>
    public const long TamperedRevision = 2;

    private readonly TemporaryDataDirectory _data = new();
    private AgencyStaff? _staffBefore;

    public CrisisCenterApp App { get; private set; } = null!;

    /// <summary>The people with the tokens they got from the first run, now talking to the restarted app.</summary>
    public AgencyStaff Staff { get; private set; } = null!;

    public Guid Published { get; private set; }
    public Guid Quiet { get; private set; }
    public Guid WrittenWhileDown { get; private set; }
    public Guid Tampered { get; private set; }
    public Guid TamperedEventId { get; private set; }
    public long TamperedLastRevision { get; private set; }
    public VerificationResult TamperedVerificationBeforeStop { get; private set; } = null!;

    public StatementInReview StatementInReview { get; private set; } = null!;
    public CommandAccepted LastCommandBeforeRestart { get; private set; } = null!;
    public long LastPositionBeforeRestart { get; private set; }
    public RecordedEvent EventWrittenWhileDown { get; private set; } = null!;

    public IncidentDetail DetailBefore { get; private set; } = null!;
    public IReadOnlyList<TimelineEntry> TimelineBefore { get; private set; } = [];
    public IncidentSummary BoardRowBefore { get; private set; } = null!;
    public IncidentKpiReport KpisBefore { get; private set; } = null!;
    public IReadOnlyList<PendingApproval> ApprovalQueueBefore { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using (var first = await CrisisCenterApp.StartAsync(_data.Path))
        {
            _staffBefore = await AgencyStaff.EnrolAsync(first);
            await RunTheDayAsync(_staffBefore);
            LastPositionBeforeRestart = await first.Store.GetLastPositionAsync();
        }

        EventWrittenWhileDown = await AppendWhileDownAsync();
        TamperedEventId = StoreFileTampering.RewriteEventData(_data.StoreFile, IncidentStreams.For(Tampered), TamperedRevision,
            json => json["content"]!["ru"]!["headline"] = "Возможны дожди в предгорьях Алматы");
        App = await CrisisCenterApp.StartAsync(_data.Path);
        Staff = _staffBefore.On(App);
    }

    private async Task RunTheDayAsync(AgencyStaff staff)
    {
        var press = staff.PressOfficer;
        Published = (await press.DeclareIncidentAsync()).IncidentId;
        await press.LogSituationUpdateAsync(Published);
        var published = await press.SubmitNewStatementAsync(Published);
        await staff.Approver.ApproveAsync(published);
        await press.PublishAsync(published, "website", "telegram");
        StatementInReview = await press.SubmitNewStatementAsync(Published);
        LastCommandBeforeRestart = await press.LogSituationUpdateAsync(Published, LastCommandKey);

        Quiet = (await press.DeclareIncidentAsync()).IncidentId;
        WrittenWhileDown = (await press.DeclareIncidentAsync()).IncidentId;

        Tampered = (await press.DeclareIncidentAsync()).IncidentId;
        await press.LogSituationUpdateAsync(Tampered);
        var tampered = await press.SubmitNewStatementAsync(Tampered);
        TamperedLastRevision = (await staff.Approver.ApproveAsync(tampered)).Revision;
        TamperedVerificationBeforeStop = await staff.Admin.VerifyAsync(Tampered); // verifying is for admins

        DetailBefore = await press.GetIncidentAsync(Published);
        TimelineBefore = await press.TimelineAsync(Published);
        BoardRowBefore = (await press.BoardAsync(DetailBefore.Code)).Single();
        KpisBefore = await press.KpisAsync(Published);
        ApprovalQueueBefore = await staff.Approver.ApprovalQueueAsync();
    }

    private async Task<RecordedEvent> AppendWhileDownAsync()
    {
        var stream = IncidentStreams.For(WrittenWhileDown);
        var author = _staffBefore!.UserIds[AgencyStaff.PressOfficerName];
        await using var store = new SqliteEventStore(SqliteEventStoreOptions.ForFile(_data.StoreFile));
        var revision = await store.GetStreamRevisionAsync(stream) ?? throw new InvalidOperationException("The incident was declared.");
        var update = new SituationUpdateLogged(
            WrittenWhileDown, author, DateTimeOffset.UtcNow, Guid.NewGuid(), "Уровень воды в реке Малая Алматинка снизился.", Language.Ru,
            "Kazhydromet", "KZ-75", Verified: true);
        var metadata = new EventMetadata { ActorId = author, ActorName = AgencyStaff.PressOfficerName, AgencyCode = AgencyStaff.LeadAgency, CommandId = Guid.NewGuid() };
        await store.AppendAsync(stream, ExpectedRevision.Exact(revision), [IncidentEventSerializer.ToEventData(update, Guid.NewGuid(), metadata)]);
        await foreach (var last in store.ReadStreamAsync(stream, StreamRevision.End, ReadDirection.Backwards, maxCount: 1)) return last;
        throw new InvalidOperationException("The appended event is not in the store.");
    }

    public async Task DisposeAsync()
    {
        Staff?.Dispose();
        _staffBefore?.Dispose();
        if (App is not null) await App.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(ApiRestartedOnItsDataDirectory.Collection)]
public sealed class ApiRestartedOnItsDataDirectoryCollection : ICollectionFixture<ApiRestartedOnItsDataDirectory>;
