using System.Net;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Idempotency;

/// <summary>An Idempotency-Key names a command: sending it again is a safe retry, never a second effect.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class IdempotencyKeyTests(ApiWithStaff api)
{
    private HttpClient Press => api.Staff.PressOfficer;

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_same_key_again_answers_the_first_result_and_appends_nothing()
    {
        var incident = await Press.DeclareIncidentAsync();
        var first = await Press.LogSituationUpdateAsync(incident.IncidentId, idempotencyKey: "update-after-timeout");
        var before = await api.App.HeadAsync(incident.IncidentId);

        using var retry = await Press.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(), idempotencyKey: "update-after-timeout");
        var again = await retry.ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

        again.Duplicate.Should().BeTrue();
        again.Should().BeEquivalentTo(first with { Duplicate = true });
        (await api.App.HeadAsync(incident.IncidentId)).Should().Be(before);
        (await Press.GetIncidentAsync(incident.IncidentId)).SituationUpdates.Should().ContainSingle();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task declaring_again_with_the_same_key_names_the_same_incident_and_code()
    {
        var key = Guid.NewGuid().ToString();
        using var firstResponse = await Press.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(), idempotencyKey: key);
        var first = await firstResponse.ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);
        var before = await api.App.HeadAsync(first.IncidentId);

        using var retry = await Press.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(), idempotencyKey: key);
        var again = await retry.ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

        again.Should().BeEquivalentTo(first with { Duplicate = true });
        retry.Headers.Location.Should().Be(firstResponse.Headers.Location);
        (await api.App.HeadAsync(first.IncidentId)).Should().Be(before, "no second incident and no second code allocation");
        (await Press.BoardAsync(first.Code!)).Should().ContainSingle();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task different_keys_are_different_commands()
    {
        var incident = await Press.DeclareIncidentAsync();

        var first = await Press.LogSituationUpdateAsync(incident.IncidentId, idempotencyKey: "morning-report");
        var second = await Press.LogSituationUpdateAsync(incident.IncidentId, idempotencyKey: "evening-report");

        new[] { first.Duplicate, second.Duplicate }.Should().Equal(false, false);
        second.Revision.Should().Be(first.Revision + 1);
        second.Id.Should().NotBe(first.Id!.Value);
        (await Press.GetIncidentAsync(incident.IncidentId)).SituationUpdates.Should().HaveCount(2);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_key_belongs_to_the_user_who_sent_it()
    {
        var incident = await Press.DeclareIncidentAsync();

        var mine = await Press.LogSituationUpdateAsync(incident.IncidentId, idempotencyKey: "retry-1");
        var theirs = await api.Staff.PressOfficerAndApprover.LogSituationUpdateAsync(incident.IncidentId, idempotencyKey: "retry-1");

        theirs.Duplicate.Should().BeFalse("two users' keys never collide");
        theirs.Revision.Should().Be(mine.Revision + 1);
    }
}
