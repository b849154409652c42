using System.Net;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Projections;
using CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Flow;

/// <summary>
/// The whole flow over HTTP, once: the MES press officer declares a Severe incident, logs a situation update, drafts a
/// Kazakh and Russian holding statement and submits it; two MES approvers approve the exact revision and hash the API
/// shows; the press officer publishes it to two channels. Every answer and the approval queues on the way are kept
/// for the tests to judge. Runs on the embedded SQLite store; <see cref="ApiWithPublishedSevereStatementOnEventStoreDb"/>
/// runs the same flow on EventStoreDB.
/// </summary>
public class ApiWithPublishedSevereStatement : IAsyncLifetime
{
    public static readonly string[] Channels = ["website", "telegram"];

    public CrisisCenterApp App { get; private set; } = null!;
    public AgencyStaff Staff { get; private set; } = null!;

    public HttpStatusCode DeclarationStatus { get; private set; }
    public Uri? DeclarationLocation { get; private set; }
    public CommandAccepted Declared { get; private set; } = null!;
    public CommandAccepted UpdateLogged { get; private set; } = null!;
    public CommandAccepted Drafted { get; private set; } = null!;
    public CommandAccepted Submitted { get; private set; } = null!;
    public StatementInReview Statement { get; private set; } = null!;
    public CommandAccepted FirstApproval { get; private set; } = null!;
    public CommandAccepted SecondApproval { get; private set; } = null!;
    public CommandAccepted Published { get; private set; } = null!;

    public IReadOnlyList<PendingApproval> ApproverQueueOnSubmission { get; private set; } = [];
    public IReadOnlyList<PendingApproval> SecondApproverQueueAfterFirstApproval { get; private set; } = [];
    public IReadOnlyList<PendingApproval> ApproverQueueAfterFirstApproval { get; private set; } = [];
    public IReadOnlyList<PendingApproval> SecondApproverQueueWhenApproved { get; private set; } = [];
    public StatementView StatementAfterFirstApproval { get; private set; } = null!;
    public StatementView StatementWhenApproved { get; private set; } = null!;

    public Guid IncidentId => Declared.IncidentId;

    /// <summary>Why the flow did not run (its store is not available here); null when it ran.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>Reports the test skipped, with the reason, when the flow could not run.</summary>
    public void SkipUnlessRan() => Skip.If(SkipReason is not null, SkipReason);

    /// <summary>The app the flow runs on and a suffix for the people's account names (empty on a fresh store).</summary>
    protected virtual async Task<(CrisisCenterApp? App, string NameSuffix)> StartAsync() => (await CrisisCenterApp.StartAsync(), "");

    public async Task InitializeAsync()
    {
        var (app, nameSuffix) = await StartAsync();
        if (app is null) return;
        App = app;
        Staff = await AgencyStaff.EnrolAsync(App, nameSuffix);
        var press = Staff.PressOfficer;

        using (var declaration = await press.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(severity: "Severe")))
        {
            DeclarationStatus = declaration.StatusCode;
            DeclarationLocation = declaration.Headers.Location;
            Declared = await declaration.ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);
        }

        UpdateLogged = await press.LogSituationUpdateAsync(IncidentId);
        Drafted = await press.DraftStatementAsync(IncidentId);
        Submitted = await press.SubmitStatementAsync(IncidentId, Drafted.Id!.Value, revision: 1);

        // The approver approves what the queue shows them: the revision and its content hash.
        ApproverQueueOnSubmission = await Staff.Approver.ApprovalQueueAsync();
        var waiting = ApproverQueueOnSubmission.Single(a => a.StatementId == Drafted.Id);
        Statement = new StatementInReview(IncidentId, waiting.StatementId, waiting.Revision, waiting.ContentHash);

        FirstApproval = await Staff.Approver.ApproveAsync(Statement);
        StatementAfterFirstApproval = await press.GetStatementAsync(IncidentId, Statement.StatementId);
        ApproverQueueAfterFirstApproval = await Staff.Approver.ApprovalQueueAsync();
        SecondApproverQueueAfterFirstApproval = await Staff.SecondApprover.ApprovalQueueAsync();

        SecondApproval = await Staff.SecondApprover.ApproveAsync(Statement);
        StatementWhenApproved = await press.GetStatementAsync(IncidentId, Statement.StatementId);
        SecondApproverQueueWhenApproved = await Staff.SecondApprover.ApprovalQueueAsync();

        Published = await press.PublishAsync(Statement, Channels);
        // The tests judge one settled incident: every post's outcome in, the timeline and the board at its last event.
        await press.WaitUntilPublicationSettledAsync(App, IncidentId, async last =>
            (await Staff.Approver.BoardAsync(Declared.Code!)) is [var row] && row.LastPosition == last);
    }

    public virtual async Task DisposeAsync()
    {
        Staff?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

/// <summary>
/// The same flow with EventStoreDB as the app's store: the server named by CRISISCENTER_ESDB (e.g.
/// esdb://127.0.0.1:2113?tls=false); without it every test of the flow reports skipped with that reason. A server
/// keeps the accounts of earlier runs, so the people's account names carry a per-run suffix.
/// </summary>
public sealed class ApiWithPublishedSevereStatementOnEventStoreDb : ApiWithPublishedSevereStatement
{
    public const string ConnectionVariable = "CRISISCENTER_ESDB";

    protected override async Task<(CrisisCenterApp? App, string NameSuffix)> StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrEmpty(connectionString))
        {
            SkipReason = $"{ConnectionVariable} is not set: the API flow on EventStoreDB needs a running server, e.g. esdb://127.0.0.1:2113?tls=false";
            return (null, "");
        }
        return (await StartOnEventStoreDbAsync(connectionString), "-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public static Task<CrisisCenterApp> StartOnEventStoreDbAsync(string connectionString) =>
        CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["EventStore:Backend"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = connectionString,
            // Snapshots every two events, so the flow's timeline, board and audit also prove that the $snapshot-
            // streams on the server never reach a reader of $all.
            ["Incidents:SnapshotInterval"] = "2",
        });
}

/// <summary>
/// The same flow with the app configured for EventStoreDB (<c>EventStore:Backend=EventStoreDb</c>) against the
/// in-process emulation of the server's Streams service: every append, read and subscription of the app goes through
/// our gRPC client. Runs everywhere; whether the emulation matches the real server is what the flow above checks.
/// </summary>
public sealed class ApiWithPublishedSevereStatementOnEmulatedEventStoreDb : ApiWithPublishedSevereStatement
{
    private FakeStreamsNode? node;

    protected override async Task<(CrisisCenterApp? App, string NameSuffix)> StartAsync()
    {
        node = await FakeStreamsNode.StartAsync(new EmulatedStreams());
        return (await ApiWithPublishedSevereStatementOnEventStoreDb.StartOnEventStoreDbAsync($"esdb://{node.Endpoint}?tls=false"), "");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (node is not null) await node.DisposeAsync();
    }
}
