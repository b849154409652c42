using System.Net;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Projections;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Flow;

/// <summary>
/// The whole flow over HTTP, once: the MES press officer declares a Severe incident, logs a situation update, drafts a
/// Kazakh and Russian holding statement and submits it; two MES approvers approve the exact revision and hash the API
/// shows; the press officer publishes it to two channels. Every answer and the approval queues on the way are kept
/// for the tests to judge.
/// </summary>
public sealed class ApiWithPublishedSevereStatement : IAsyncLifetime
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

    public async Task InitializeAsync()
    {
        App = await CrisisCenterApp.StartAsync();
        Staff = await AgencyStaff.EnrolAsync(App);
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
    }

    public async Task DisposeAsync()
    {
        Staff?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
