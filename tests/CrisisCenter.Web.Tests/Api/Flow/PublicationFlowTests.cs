using System.Net;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Api.Flow;

/// <summary>Press officer → two approvers → publication on two channels on the embedded store.</summary>
public sealed class PublicationFlowTests(ApiWithPublishedSevereStatement flow)
    : PublicationFlowContract(flow), IClassFixture<ApiWithPublishedSevereStatement>;

/// <summary>The same flow and judgements on EventStoreDB (skipped, with the reason, where no server is named).</summary>
public sealed class PublicationFlowOnEventStoreDbTests(ApiWithPublishedSevereStatementOnEventStoreDb flow)
    : PublicationFlowContract(flow), IClassFixture<ApiWithPublishedSevereStatementOnEventStoreDb>;

/// <summary>The same flow through our EventStoreDB client against the in-process emulation of the server.</summary>
public sealed class PublicationFlowOnEmulatedEventStoreDbTests(ApiWithPublishedSevereStatementOnEmulatedEventStoreDb flow)
    : PublicationFlowContract(flow), IClassFixture<ApiWithPublishedSevereStatementOnEmulatedEventStoreDb>
{
    /// <summary>The flow snapshots every two events here: the snapshots are on the server, and $all readers never see them.</summary>
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_incident_left_snapshots_on_the_server_that_no_read_of_all_returns()
    {
        var stream = IncidentStreams.For(flow.IncidentId);
        var snapshots = flow.App.Services.GetRequiredService<ISnapshotStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        StoredSnapshot? snapshot;
        while ((snapshot = await snapshots.ReadSnapshotAsync(stream)) is null && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        snapshot.Should().NotBeNull("the flow appended more than two events to the incident");
        var all = new List<RecordedEvent>();
        await foreach (var e in flow.App.Store.ReadAllAsync())
            all.Add(e);
        all.Should().NotContain(e => e.Stream.Contains("snapshot", StringComparison.OrdinalIgnoreCase));
        all.Where(e => e.Stream == stream).Select(e => e.Revision).Should().Equal(Enumerable.Range(0, all.Count(e => e.Stream == stream)).Select(r => (long)r));
    }
}

/// <summary>Press officer → two approvers → publication on two channels, judged through the API's answers and read models.</summary>
public abstract class PublicationFlowContract(ApiWithPublishedSevereStatement flow)
{
    private static readonly string[] Steps =
    [
        "incident.declared.v1", "situation_update.logged.v1", "statement.drafted.v1", "statement.submitted.v1",
        "statement.approved.v1", "statement.approved.v1", "statement.published.v1",
        "channel_post.scheduled.v1", "channel_post.scheduled.v1", "channel_post.scheduled.v1", "channel_post.scheduled.v1",
    ];

    [SkippableFact(Timeout = TestTimeouts.Request)]
    public async Task declaring_answers_201_with_the_incident_location_and_a_code_of_the_year()
    {
        flow.SkipUnlessRan();
        flow.DeclarationStatus.Should().Be(HttpStatusCode.Created);
        flow.DeclarationLocation.Should().NotBeNull();
        flow.DeclarationLocation!.OriginalString.Should().Be($"/api/incidents/{flow.IncidentId:D}");
        flow.Declared.Code.Should().MatchRegex($"^INC-{DateTimeOffset.UtcNow.Year}-[0-9]{{4}}$");
        flow.Declared.Duplicate.Should().BeFalse();

        var incident = await flow.Staff.PressOfficer.GetIncidentAsync(flow.IncidentId);
        incident.Code.Should().Be(flow.Declared.Code);
        incident.Severity.Should().Be(Severity.Severe);
        incident.LeadAgency.Should().Be(AgencyStaff.LeadAgency, "the lead agency defaults to the press officer's own");
        incident.ApprovalsRequired.Should().Be(2);
    }

    [SkippableFact]
    public void every_command_continues_the_incident_stream_at_the_next_revision()
    {
        flow.SkipUnlessRan();
        var answers = new[] { flow.Declared, flow.UpdateLogged, flow.Drafted, flow.Submitted, flow.FirstApproval, flow.SecondApproval, flow.Published };
        answers.Select(a => a.Revision).Should().Equal(0, 1, 2, 3, 4, 5, 10);
        answers.Select(a => a.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        answers.Should().OnlyContain(a => a.IncidentId == flow.IncidentId && !a.Duplicate);
        flow.Published.EventCount.Should().Be(5, "publishing records the publication and one post per channel and language");
    }

    [SkippableFact]
    public void one_approval_leaves_a_severe_statement_in_review()
    {
        flow.SkipUnlessRan();
        flow.StatementAfterFirstApproval.Status.Should().Be(StatementStatus.InReview);
        flow.StatementAfterFirstApproval.Revisions.Single().Approvals.Select(a => a.Approver)
            .Should().Equal(flow.Staff.UserIds[AgencyStaff.ApproverName]);

        flow.ApproverQueueAfterFirstApproval.Should().NotContain(a => a.StatementId == flow.Statement.StatementId, "an approver approves once");
        var waiting = flow.SecondApproverQueueAfterFirstApproval.Should().ContainSingle(a => a.StatementId == flow.Statement.StatementId).Subject;
        waiting.ApprovedBy.Should().Equal(flow.Staff.UserIds[AgencyStaff.ApproverName]);
        waiting.ApprovalsRequired.Should().Be(2);
        waiting.ApprovalsMissing.Should().Be(1);
    }

    [SkippableFact(Timeout = TestTimeouts.Request)]
    public async Task a_second_distinct_approval_approves_the_statement_and_empties_the_approval_queue()
    {
        flow.SkipUnlessRan();
        flow.ApproverQueueOnSubmission.Should().ContainSingle(a => a.StatementId == flow.Statement.StatementId)
            .Which.Should().Match<PendingApproval>(a =>
                a.IncidentCode == flow.Declared.Code && a.Revision == 1 && a.ApprovalsRequired == 2);

        flow.StatementWhenApproved.Status.Should().Be(StatementStatus.Approved);
        flow.StatementWhenApproved.Revisions.Single().Approvals.Select(a => a.Approver).Should().Equal(
            flow.Staff.UserIds[AgencyStaff.ApproverName], flow.Staff.UserIds[AgencyStaff.SecondApproverName]);
        flow.SecondApproverQueueWhenApproved.Should().NotContain(a => a.StatementId == flow.Statement.StatementId);
        (await flow.Staff.PressOfficerAndApprover.ApprovalQueueAsync()).Should().NotContain(
            a => a.IncidentId == flow.IncidentId, "nothing of this incident waits for any approver any more");
    }

    [SkippableFact(Timeout = TestTimeouts.Request)]
    public async Task the_published_statement_has_a_post_per_channel_and_language()
    {
        flow.SkipUnlessRan();
        var incident = await flow.Staff.Observer.GetIncidentAsync(flow.IncidentId);

        var statement = incident.Statements.Should().ContainSingle().Subject;
        statement.Id.Should().Be(flow.Statement.StatementId);
        statement.Status.Should().Be(StatementStatus.Published);
        statement.PublishedRevision.Should().Be(1);
        statement.PublishedAt.Should().NotBeNull();
        statement.Revisions.Single().ContentHash.Should().Be(flow.Statement.ContentHash);
        statement.Posts.Select(p => (p.Channel, p.Language)).Should().BeEquivalentTo(
            [("website", Language.Kk), ("website", Language.Ru), ("telegram", Language.Kk), ("telegram", Language.Ru)]);
        statement.Posts.Should().OnlyContain(p => p.Revision == 1 && p.Action == ChannelPostAction.Publish && p.StatementId == statement.Id);
        incident.SituationUpdates.Should().ContainSingle().Which.Id.Should().Be(flow.UpdateLogged.Id!.Value);
    }

    [SkippableFact(Timeout = TestTimeouts.Request)]
    public async Task the_timeline_shows_every_step_in_store_order_with_its_actor()
    {
        flow.SkipUnlessRan();
        var (timeline, stored) = await TimelineWithItsStreamAsync();

        var steps = timeline.Take(Steps.Length).ToList();
        steps.Select(e => e.Type).Should().Equal(Steps);
        timeline.Skip(Steps.Length).Where(e => !e.Type.StartsWith("channel_post.", StringComparison.Ordinal))
            .Should().BeEmpty("after publication only delivery outcomes of its posts may follow");
        steps.Select(e => e.Revision).Should().Equal(Enumerable.Range(0, Steps.Length).Select(r => (long)r));
        timeline.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        // Test accounts carry their user name as display name.
        const string press = AgencyStaff.PressOfficerName;
        string[] people = [press, press, press, press, AgencyStaff.ApproverName, AgencyStaff.SecondApproverName, press, press, press, press, press];
        steps.Select(e => e.ActorName).Should().Equal(people.Select(flow.Staff.NameOf));
        steps.Select(e => e.ActorId).Should().Equal(people.Select(person => flow.Staff.UserIds[person]));
        steps.Should().OnlyContain(e => e.AgencyCode == AgencyStaff.LeadAgency && e.IncidentId == flow.IncidentId);
        steps[0].Position.Should().Be(flow.Declared.Position);
        steps[5].Position.Should().Be(flow.SecondApproval.Position);
        steps[^1].Position.Should().Be(flow.Published.Position);

        timeline.Select(e => (e.Position, e.Revision, e.EventId, e.Type)).Should().Equal(
            stored.Select(e => (e.Position, e.Revision, e.EventId, e.Type)), "the timeline is the store's order of the incident's stream");
    }

    /// <summary>The timeline and the incident's stream at one moment: the dispatcher keeps appending delivery outcomes
    /// after publication, so both are read again until the read model has caught up with the stream (bounded).</summary>
    private async Task<(IReadOnlyList<TimelineEntry> Timeline, List<RecordedEvent> Stored)> TimelineWithItsStreamAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var stored = new List<RecordedEvent>();
            await foreach (var e in flow.App.Store.ReadStreamAsync(IncidentStreams.For(flow.IncidentId))) stored.Add(e);
            var timeline = await flow.Staff.PressOfficer.TimelineAsync(flow.IncidentId);
            if (timeline.Count > 0 && timeline[^1].Position == stored[^1].Position || DateTime.UtcNow > deadline)
                return (timeline, stored);
            await Task.Delay(50);
        }
    }

    [SkippableFact(Timeout = TestTimeouts.Request)]
    public async Task the_board_shows_the_incident_with_its_counts()
    {
        flow.SkipUnlessRan();
        var row = (await flow.Staff.Approver.BoardAsync(flow.Declared.Code!)).Should().ContainSingle().Subject;

        row.Id.Should().Be(flow.IncidentId);
        row.Status.Should().Be(IncidentStatus.Active);
        row.Severity.Should().Be(Severity.Severe);
        row.LeadAgency.Should().Be(AgencyStaff.LeadAgency);
        row.Regions.Should().Equal("KZ-75");
        row.PublishedStatements.Should().Be(1);
        row.StatementsAwaitingApproval.Should().Be(0);
        row.OpenRumors.Should().Be(0);
        var timeline = await flow.Staff.Approver.TimelineAsync(flow.IncidentId);
        row.LastPosition.Should().Be(timeline[^1].Position);
        row.Revision.Should().Be(timeline[^1].Revision);
    }

    [SkippableFact(Timeout = TestTimeouts.Request)]
    public async Task kpis_show_the_time_to_the_first_public_statement()
    {
        flow.SkipUnlessRan();
        var timeline = await flow.Staff.PressOfficer.TimelineAsync(flow.IncidentId);
        var declaredAt = timeline.Single(e => e.Type == "incident.declared.v1").At;
        var submittedAt = timeline.Single(e => e.Type == "statement.submitted.v1").At;
        var approvedAt = timeline.Last(e => e.Type == "statement.approved.v1").At;
        // Public from the first post a channel delivered (the website's), not from the publish command.
        var publicAt = timeline.First(e => e.Type == "channel_post.delivered.v1").At;

        var kpis = await flow.Staff.PressOfficer.KpisAsync(flow.IncidentId);

        kpis.Code.Should().Be(flow.Declared.Code);
        kpis.DeclaredAt.Should().Be(declaredAt);
        kpis.FirstStatementPublishedAt.Should().Be(publicAt);
        kpis.TimeToFirstPublicStatement.Should().Be(publicAt - declaredAt);
        kpis.TimeToFirstPublicStatement.Should().BePositive();
        kpis.PublishedStatements.Should().Be(1);
        kpis.ApprovalTurnaround.Count.Should().Be(1);
        kpis.ApprovalTurnaround.Median.Should().Be(approvedAt - submittedAt, "turnaround runs from submission to the approval that made it approved");
    }
}
