using System.Net;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Restart;

/// <summary>Stopping the app and starting it on the same data directory loses nothing and forgets nothing.</summary>
[Collection(ApiRestartedOnItsDataDirectory.Collection)]
public sealed class RestartTests(ApiRestartedOnItsDataDirectory restarted)
{
    private AgencyStaff Staff => restarted.Staff;

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task users_sign_in_again_after_a_restart()
    {
        using var press = await restarted.App.SignInAsync(AgencyStaff.PressOfficerName);

        var me = await press.GetJsonAsync<AuthApi.Me>("/api/auth/me");

        me.UserId.Should().Be(Staff.UserIds[AgencyStaff.PressOfficerName]);
        me.AgencyCode.Should().Be(AgencyStaff.LeadAgency);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task tokens_issued_before_the_restart_still_work()
    {
        var me = await Staff.Approver.GetJsonAsync<AuthApi.Me>("/api/auth/me");

        me.UserId.Should().Be(Staff.UserIds[AgencyStaff.ApproverName], "the data-protection keys live in the data directory");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_incident_and_its_statements_are_as_they_were()
    {
        var detail = await Staff.PressOfficer.GetIncidentAsync(restarted.Published);

        detail.Should().BeEquivalentTo(restarted.DetailBefore);
        detail.Statements.Select(s => s.Status).Should().Equal(Domain.StatementStatus.Published, Domain.StatementStatus.InReview);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_rebuilt_read_models_answer_as_before_the_restart()
    {
        (await Staff.PressOfficer.TimelineAsync(restarted.Published)).Should().BeEquivalentTo(restarted.TimelineBefore, o => o.WithStrictOrdering());
        (await Staff.PressOfficer.BoardAsync(restarted.DetailBefore.Code)).Should().ContainSingle().Which.Should().BeEquivalentTo(restarted.BoardRowBefore);
        (await Staff.PressOfficer.KpisAsync(restarted.Published)).Should().BeEquivalentTo(restarted.KpisBefore);

        var queue = await Staff.Approver.ApprovalQueueAsync();
        queue.Should().BeEquivalentTo(restarted.ApprovalQueueBefore, o => o.WithStrictOrdering());
        queue.Should().ContainSingle(a => a.StatementId == restarted.StatementInReview.StatementId);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_rebuilt_read_models_agree_with_the_store()
    {
        foreach (var incident in new[] { restarted.Published, restarted.Quiet, restarted.WrittenWhileDown })
        {
            var stream = IncidentStreams.For(incident);
            var stored = new List<RecordedEvent>();
            await foreach (var e in restarted.App.Store.ReadAllAsync(filter: StreamFilter.Prefix(stream))) stored.Add(e);

            var timeline = await Staff.PressOfficer.TimelineAsync(incident);
            timeline.Select(e => (e.Position, e.Revision, e.EventId, e.Type)).Should().Equal(
                stored.Select(e => (e.Position, e.Revision, e.EventId, e.Type)), "the timeline of {0} is its events in $all order", stream);

            var detail = await Staff.PressOfficer.GetIncidentAsync(incident);
            var row = (await Staff.PressOfficer.BoardAsync(detail.Code)).Single();
            (row.Revision, row.LastPosition).Should().Be((stored[^1].Revision, stored[^1].Position));
            (detail.Revision, detail.Position).Should().Be((stored[^1].Revision, stored[^1].Position));
        }
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_new_command_continues_the_stream_at_the_next_revision()
    {
        var stored = await restarted.App.Store.GetStreamRevisionAsync(IncidentStreams.For(restarted.Quiet));

        var logged = await Staff.PressOfficer.LogSituationUpdateAsync(restarted.Quiet);

        logged.Revision.Should().Be(stored + 1);
        logged.Position.Should().BeGreaterThan(restarted.LastPositionBeforeRestart);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_command_repeated_after_the_restart_is_still_recognised()
    {
        var before = await restarted.App.HeadAsync(restarted.Published);

        using var retry = await Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(restarted.Published), ApiBodies.SituationUpdate(),
            ApiRestartedOnItsDataDirectory.LastCommandKey);
        var again = await retry.ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

        again.Should().BeEquivalentTo(restarted.LastCommandBeforeRestart with { Duplicate = true });
        (await restarted.App.HeadAsync(restarted.Published)).Should().Be(before);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_event_appended_while_the_app_was_down_reaches_every_read_model()
    {
        var outside = restarted.EventWrittenWhileDown;

        var timeline = await Staff.PressOfficer.TimelineAsync(restarted.WrittenWhileDown);
        timeline.Should().Contain(e => e.EventId == outside.EventId && e.Position == outside.Position && e.Type == "situation_update.logged.v1");

        var detail = await Staff.PressOfficer.GetIncidentAsync(restarted.WrittenWhileDown);
        detail.SituationUpdates.Should().ContainSingle().Which.Text.Should().Be("Уровень воды в реке Малая Алматинка снизился.");
        var row = (await Staff.PressOfficer.BoardAsync(detail.Code)).Single();
        row.Revision.Should().BeGreaterThanOrEqualTo(outside.Revision);
        (await Staff.PressOfficer.KpisAsync(restarted.WrittenWhileDown)).AsOf.Should().BeOnOrAfter(timeline.Single(e => e.EventId == outside.EventId).At);
    }
}
