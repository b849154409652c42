using System.Net;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static CrisisCenter.Web.Api.ChannelPostsApi;

namespace CrisisCenter.Web.Tests.Api.ChannelPosts;

/// <summary>Operators retry abandoned posts and resolve uncertain ones over the API; the dispatcher takes a retried post up again.</summary>
public sealed class ChannelPostOperatorApiTests(ApiWithPartnerChannel api) : IClassFixture<ApiWithPartnerChannel>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private AgencyStaff Staff => api.Staff;

    private static string Posts(Guid incident) => ApiRoutes.Incident(incident) + "/channel-posts";
    private static string Retry(Guid incident, Guid post) => $"{Posts(incident)}/{post:D}/retry";
    private static string Confirm(Guid incident, Guid post) => $"{Posts(incident)}/{post:D}/confirm-delivered";

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task a_retried_post_is_taken_up_again_and_delivered_once_the_partner_is_back()
    {
        api.Partner.IsDown = true;
        var (incident, _) = await PublishAsync(notBefore: null);
        var abandoned = await WaitForAsync(incident, p => p.Status == ChannelPostStatus.Abandoned, allPosts: true);
        abandoned.Attempts.Should().Be(2);
        abandoned.LastError.Should().Contain("HTTP 503");
        abandoned.AwaitsOperator.Should().BeTrue();

        api.Partner.IsDown = false;
        using (var retry = await Staff.PressOfficer.PostJsonAsync(Retry(incident, abandoned.Id), new { note = "Partner confirmed they are back." }))
        {
            var accepted = await retry.ReadJsonAsync<CommandAccepted>();
            accepted.EventCount.Should().Be(1);
        }

        var delivered = await WaitForAsync(incident, p => p.Status == ChannelPostStatus.Delivered, allPosts: false);
        delivered.Attempts.Should().Be(3, "attempts go on counting after a retry");
        (await Staff.PressOfficer.GetJsonAsync<List<ChannelPostView>>(Posts(incident))).Single(p => p.Language == Language.Ru)
            .Status.Should().Be(ChannelPostStatus.Abandoned, "a retry hands back the one post it names");
        api.Partner.BadSignatures.Should().Be(0);
        var key = ChannelPostIdentity.IdempotencyKey(delivered.StatementId, delivered.Revision, ApiWithPartnerChannel.Channel, delivered.Language);
        api.Partner.DeliveredFor(key).Should().Be(1);

        var timeline = await Staff.PressOfficer.TimelineAsync(incident);
        var ofPost = timeline.Where(e => e.PostId == abandoned.Id).Select(e => e.Type).ToList();
        ofPost.Should().ContainInOrder("channel_post.scheduled.v1", "channel_post.failed.v1", "channel_post.abandoned.v1",
            "channel_post.retry_requested.v1", "channel_post.delivered.v1");
        var retried = timeline.Single(e => e.Type == "channel_post.retry_requested.v1");
        retried.ActorId.Should().Be(Staff.UserIds[AgencyStaff.PressOfficerName]);
        retried.Details.Should().Contain("note", "Partner confirmed they are back.");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_operator_confirms_an_uncertain_post_and_it_counts_as_delivered()
    {
        var (incident, post) = await UncertainPostAsync();

        using (var confirmed = await Staff.PressOfficer.PostJsonAsync(Confirm(incident, post), new { externalId = "1001", url = "https://t.me/mes_kz/1001", note = "Seen in the channel." }))
            await confirmed.ReadJsonAsync<CommandAccepted>();

        var view = (await Staff.Observer.GetJsonAsync<List<ChannelPostView>>(Posts(incident))).Single(p => p.Id == post);
        view.Should().BeEquivalentTo(new { Status = ChannelPostStatus.Delivered, ExternalId = "1001", Url = "https://t.me/mes_kz/1001", AwaitsOperator = false });
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task only_press_officers_of_the_incident_act_on_its_posts_and_refusals_append_nothing()
    {
        var (incident, post) = await UncertainPostAsync();

        foreach (var refused in new[] { Staff.Approver, Staff.Observer, Staff.Admin, Staff.OtherAgencyPressOfficer })
        {
            (await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, incident, () => refused.PostJsonAsync(Retry(incident, post), new { })))
                .Code.Should().Be(DomainErrors.NotPressOfficerOfIncident);
            await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, incident, () => refused.PostJsonAsync(Confirm(incident, post), new { externalId = "1" }));
        }
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_restricted_incident_does_not_exist_for_outsiders()
    {
        var (incident, post) = await UncertainPostAsync(visibility: "Restricted");

        foreach (var outsider in new[] { Staff.OtherAgencyPressOfficer, Staff.Admin, Staff.Observer })
        {
            (await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, incident, () => outsider.PostJsonAsync(Retry(incident, post), new { })))
                .Code.Should().Be(DomainErrors.IncidentNotFound);
            await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, incident, () => outsider.PostJsonAsync(Confirm(incident, post), new { }));
            using var list = await outsider.GetAsync(Posts(incident));
            list.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_post_in_the_wrong_state_is_refused_with_the_domains_code()
    {
        var (incident, scheduled) = await PublishAsync(notBefore: DateTimeOffset.UtcNow.AddDays(1));
        var post = scheduled.Id;

        (await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident, () => Staff.PressOfficer.PostJsonAsync(Retry(incident, post), new { })))
            .Code.Should().Be(DomainErrors.ChannelPostNotAwaitingOperator);
        (await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident, () => Staff.PressOfficer.PostJsonAsync(Confirm(incident, post), new { })))
            .Code.Should().Be(DomainErrors.ChannelPostNotUncertain);
        (await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, incident, () => Staff.PressOfficer.PostJsonAsync(Retry(incident, Guid.NewGuid()), new { })))
            .Code.Should().Be(DomainErrors.ChannelPostNotFound);

        await RecordAsync(incident, new MarkChannelPostUncertain(incident, SystemContext(), post, 1, "Interrupted."));
        (await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, incident, () =>
                Staff.PressOfficer.PostJsonAsync(Confirm(incident, post), new { url = "javascript:alert(1)" })))
            .Code.Should().Be(DomainErrors.InvalidLink);
        var tooLong = await api.App.ShouldRejectAsync(HttpStatusCode.BadRequest, incident, () =>
            Staff.PressOfficer.PostJsonAsync(Retry(incident, post), new { note = new string('x', 5000) }));
        tooLong.Errors.Should().ContainKey("note");

        await Staff.PressOfficer.CloseIncidentAsync(incident);
        (await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident, () => Staff.PressOfficer.PostJsonAsync(Retry(incident, post), new { })))
            .Code.Should().Be(DomainErrors.IncidentClosed);
    }

    private async Task<(Guid Incident, ChannelPostView Post)> PublishAsync(DateTimeOffset? notBefore, string visibility = "Normal")
    {
        var declared = await Staff.PressOfficer.DeclareIncidentAsync(visibility: visibility);
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(declared.IncidentId);
        await Staff.Approver.ApproveAsync(statement);
        using (var published = await Staff.PressOfficer.PostJsonAsync(ApiRoutes.Publish(declared.IncidentId, statement.StatementId),
                   new { revision = 1, contentHash = statement.ContentHash, channels = new[] { ApiWithPartnerChannel.Channel }, notBefore }))
            await published.ReadJsonAsync<CommandAccepted>();
        var posts = await Staff.PressOfficer.GetJsonAsync<List<ChannelPostView>>(Posts(declared.IncidentId));
        posts.Should().HaveCount(2, "one post per language (kk, ru)");
        return (declared.IncidentId, posts.Single(p => p.Language == Language.Kk));
    }

    private async Task<(Guid Incident, Guid Post)> UncertainPostAsync(string visibility = "Normal")
    {
        var (incident, post) = await PublishAsync(DateTimeOffset.UtcNow.AddDays(1), visibility);
        await RecordAsync(incident, new MarkChannelPostUncertain(incident, SystemContext(), post.Id, 1, "Interrupted before the outcome was recorded."));
        return (incident, post.Id);
    }

    private async Task RecordAsync(Guid incident, IncidentCommand command)
    {
        var outcome = await api.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(incident).Execute(new CommandEnvelope(command));
        outcome.Succeeded.Should().BeTrue(outcome.Error?.Message);
    }

    private static CommandContext SystemContext() => new(Guid.NewGuid(), Actor.System, DateTimeOffset.UtcNow);

    /// <summary>Waits until the kk post (and with <paramref name="allPosts"/> every post) meets the condition.</summary>
    private async Task<ChannelPostView> WaitForAsync(Guid incident, Func<ChannelPostView, bool> condition, bool allPosts)
    {
        var until = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var posts = await Staff.PressOfficer.GetJsonAsync<List<ChannelPostView>>(Posts(incident));
            var kk = posts.Single(p => p.Language == Language.Kk);
            if (condition(kk) && (!allPosts || posts.All(condition))) return kk;
            if (DateTimeOffset.UtcNow > until) throw new TimeoutException($"The posts did not get there in {Patience.TotalSeconds} s: {string.Join(", ", posts.Select(p => p.Status))}");
            await Task.Delay(100);
        }
    }
}
