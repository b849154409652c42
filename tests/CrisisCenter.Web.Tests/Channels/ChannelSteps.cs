using System.Diagnostics;
using System.Net;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;

namespace CrisisCenter.Web.Tests.Channels;

/// <summary>What the channel tests do again and again: configure a channel as an admin, publish a statement to it,
/// wait for its posts to settle.</summary>
public static class ChannelSteps
{
    public const string ChannelList = "/api/channels";

    public static string Channel(string code) => $"{ChannelList}/{code}";

    public static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static object Webhook(Uri url, string? secret, bool enabled = true) => new { kind = "Webhook", enabled, url = url.ToString(), secret };

    public static Task<HttpResponseMessage> PutChannelAsync(this HttpClient admin, string code, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Channel(code)) { Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType()) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return admin.SendAsync(request);
    }

    /// <summary>Declares an incident, has a statement (kk + ru) approved and published to <paramref name="channels"/>.</summary>
    public static async Task<StatementInReview> PublishNewStatementAsync(this AgencyStaff staff, params string[] channels)
    {
        var incident = await staff.PressOfficer.DeclareIncidentAsync();
        var statement = await staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await staff.Approver.ApproveAsync(statement);
        await staff.PressOfficer.PublishAsync(statement, channels);
        return statement;
    }

    /// <summary>The statement's posts once none is Scheduled, Failed or Sending any more (bounded, generous).</summary>
    public static async Task<IReadOnlyList<ChannelPostState>> SettledPostsAsync(this HttpClient client, StatementInReview statement)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var posts = (await client.GetIncidentAsync(statement.IncidentId)).Statements.Single(s => s.Id == statement.StatementId).Posts;
            if (posts.Count > 0 && posts.All(p => p.Status is ChannelPostStatus.Delivered or ChannelPostStatus.Abandoned or ChannelPostStatus.Uncertain))
                return posts;
            if (clock.Elapsed > TimeSpan.FromSeconds(45))
                throw new TimeoutException("Posts did not settle: " + string.Join(", ", posts.Select(p => $"{p.Channel}/{p.Language}: {p.Status} {p.LastError}")));
            await Task.Delay(100);
        }
    }

    /// <summary>The revision of the channels stream (null before its first event).</summary>
    public static Task<long?> ChannelsStreamRevisionAsync(this IEventStore store) => store.GetStreamRevisionAsync("channels");

    public static async Task<string> ReadBodyAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, text);
        return text;
    }
}
