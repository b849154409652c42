using System.Net;
using CrisisCenter.Channels;
using CrisisCenter.Domain;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using static CrisisCenter.Web.Tests.Channels.ChannelSteps;

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>Publishing states what will happen: an incident lists the channels this server can publish its statements
/// to (what the editor offers), and a publish naming any other channel is refused before anything is recorded.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class IncidentChannelsApiTests(ApiWithStaff api)
{
    private AgencyStaff Staff => api.Staff;

    private static string Channels(Guid incidentId) => $"/api/incidents/{incidentId:D}/channels";

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_incident_lists_the_configured_channels_with_the_languages_each_reaches()
    {
        var kazakhOnly = NewCode("tg-kk");
        (await Staff.Admin.PutChannelAsync(kazakhOnly, new { kind = "Telegram", botToken = "123456:abcdef", chats = new { kk = "@mchs_kk" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();

        var channels = await Staff.Approver.GetJsonAsync<List<IncidentChannelsApi.PublishableChannel>>(Channels(incident.IncidentId));

        channels.Select(c => c.Code).Should().Contain(["website", "cap", CrisisCenterApp.SwitchedOffTelegramChannel, kazakhOnly])
            .And.NotContain("feed", "a code nobody configured is never offered");
        channels.Single(c => c.Code == "website").Should().Match<IncidentChannelsApi.PublishableChannel>(c =>
            c.Kind == ChannelKind.Feed && c.Enabled && c.Languages.Count == 3 && c.Delivered == 0 && c.Failing == 0 && c.LastStatus == null);
        channels.Single(c => c.Code == kazakhOnly).Languages.Should().Equal(Language.Kk);
        channels.Single(c => c.Code == CrisisCenterApp.SwitchedOffTelegramChannel).Enabled.Should().BeFalse();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task each_channel_reports_how_its_posts_on_the_incident_stand()
    {
        var statement = await Staff.PublishNewStatementAsync("website", CrisisCenterApp.SwitchedOffTelegramChannel);
        await Staff.PressOfficer.SettledPostsAsync(statement);

        var channels = await Staff.PressOfficer.GetJsonAsync<List<IncidentChannelsApi.PublishableChannel>>(Channels(statement.IncidentId));

        channels.Single(c => c.Code == "website").Should().Match<IncidentChannelsApi.PublishableChannel>(c =>
            c.Delivered == 2 && c.Failing == 0 && c.LastStatus == ChannelPostStatus.Delivered);
        channels.Single(c => c.Code == CrisisCenterApp.SwitchedOffTelegramChannel).Should().Match<IncidentChannelsApi.PublishableChannel>(c =>
            c.Delivered == 0 && c.Failing == 2 && c.LastStatus == ChannelPostStatus.Abandoned && c.LastError!.Contains("switched off"));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_incident_the_caller_may_not_see_has_no_channel_list()
    {
        var restricted = await Staff.PressOfficer.DeclareIncidentAsync(visibility: "Restricted");

        using var response = await Staff.OtherAgencyPressOfficer.GetAsync(Channels(restricted.IncidentId));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task publishing_to_a_channel_this_server_has_not_configured_is_refused_and_records_nothing()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Staff.Approver.ApproveAsync(statement);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, incident.IncidentId, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Publish(incident.IncidentId, statement.StatementId),
                ApiBodies.Publication(statement.Revision, statement.ContentHash, "website", "feed")));

        problem.Code.Should().Be(IncidentChannelsApi.NotConfiguredCode);
        problem.Detail.Should().Contain("'feed'").And.NotContain("'website'");
        (await Staff.PressOfficer.GetStatementAsync(incident.IncidentId, statement.StatementId)).Posts.Should().BeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task publishing_to_a_channel_without_a_destination_for_one_of_the_statements_languages_is_refused()
    {
        var kazakhOnly = NewCode("tg-kk");
        (await Staff.Admin.PutChannelAsync(kazakhOnly, new { kind = "Telegram", botToken = "123456:abcdef", chats = new { kk = "@mchs_kk" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Staff.Approver.ApproveAsync(statement);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, incident.IncidentId, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Publish(incident.IncidentId, statement.StatementId),
                ApiBodies.Publication(statement.Revision, statement.ContentHash, kazakhOnly)));

        problem.Code.Should().Be(IncidentChannelsApi.NotConfiguredCode);
        problem.Detail.Should().Contain(kazakhOnly).And.Contain("ru");
    }
}
