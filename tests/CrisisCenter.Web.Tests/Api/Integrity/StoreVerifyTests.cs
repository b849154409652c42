using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Tests.Api.Restart;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Integrity;

/// <summary>GET /api/incidents/{id}/verify walks the incident's hash chain.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class StoreVerifyTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_untouched_incident_verifies_intact()
    {
        var press = api.Staff.PressOfficer;
        var incident = await press.DeclareIncidentAsync();
        await press.LogSituationUpdateAsync(incident.IncidentId);
        var statement = await press.SubmitNewStatementAsync(incident.IncidentId);
        var approved = await api.Staff.Approver.ApproveAsync(statement);
        var published = await press.PublishAsync(statement, "website");

        var verification = await api.Staff.Admin.VerifyAsync(incident.IncidentId);

        verification.IsIntact.Should().BeTrue(verification.Problem);
        verification.Stream.Should().Be(IncidentStreams.For(incident.IncidentId));
        // The channel dispatcher may append delivery outcomes meanwhile: the walk covers at least everything up to
        // the publication, and exactly what the stream held when it ran.
        verification.EventsChecked.Should().BeGreaterThanOrEqualTo(published.Revision + 1);
        var storedNow = await api.App.Store.GetStreamRevisionAsync(IncidentStreams.For(incident.IncidentId));
        verification.EventsChecked.Should().BeLessThanOrEqualTo(storedNow!.Value + 1);
        verification.FirstBrokenRevision.Should().BeNull();
        approved.Revision.Should().BeLessThan(published.Revision);
    }
}

/// <summary>An event rewritten in the file while the app was stopped is reported after the restart.</summary>
[Collection(ApiRestartedOnItsDataDirectory.Collection)]
public sealed class TamperedStoreTests(ApiRestartedOnItsDataDirectory restarted)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_changed_event_is_reported_as_the_first_broken_one()
    {
        restarted.TamperedVerificationBeforeStop.IsIntact.Should().BeTrue("the incident was intact before the file was touched");

        var verification = await restarted.Staff.Admin.VerifyAsync(restarted.Tampered);

        verification.IsIntact.Should().BeFalse();
        verification.FirstBrokenRevision.Should().Be(ApiRestartedOnItsDataDirectory.TamperedRevision);
        verification.FirstBrokenEventId.Should().Be(restarted.TamperedEventId);
        verification.EventsChecked.Should().Be(ApiRestartedOnItsDataDirectory.TamperedRevision + 1, "the walk stops at the first broken event");
        verification.Problem.Should().Contain("does not match its recorded hash");
        restarted.TamperedLastRevision.Should().BeGreaterThan(ApiRestartedOnItsDataDirectory.TamperedRevision, "the broken event is not simply the last one");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task untouched_incidents_still_verify_intact_after_the_restart()
    {
        foreach (var incident in new[] { restarted.Published, restarted.Quiet, restarted.WrittenWhileDown })
        {
            var verification = await restarted.Staff.Admin.VerifyAsync(incident);
            verification.IsIntact.Should().BeTrue("{0}: {1}", incident, verification.Problem);
        }
    }
}
