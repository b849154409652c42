using System.Text.Json;
using CrisisCenter.Web.LiveTimeline;
using CrisisCenter.Web.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisCenter.Web.Tests.LiveTimeline;

/// <summary>What the browser dashboard reads: the JSON of the messages as they are on the wire.</summary>
[Collection(LiveTimelineCollection.Name)]
public sealed class WireFormatTests(LiveTimelineNode live)
{
    [Fact]
    public async Task messages_speak_the_apis_json_camel_case_with_enums_as_names_and_languages_as_codes()
    {
        using var officer = await live.SignInAsync(TestUsers.MesOfficer);
        var incident = await officer.DeclareAsync("Landslide on the Kaskelen road");
        var update = await officer.LogUpdateAsync(incident, "Road closed at km 12");
        var timeline = new List<JsonElement>();
        var board = new List<JsonElement>();
        var connection = new HubConnectionBuilder()
            .WithUrl(LiveTimelineClient.HubAddress(live.App), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(officer.Token);
            })
            .Build(); // the client's default JSON: whatever the server writes is kept as it is
        await using var _ = connection;
        connection.On<JsonElement>(TimelineHubContract.TimelineMethod, e => { lock (timeline) timeline.Add(e.Clone()); });
        connection.On<JsonElement>(TimelineHubContract.BoardMethod, e => { lock (board) board.Add(e.Clone()); });
        await connection.StartAsync();

        await connection.InvokeAsync("JoinIncident", incident, (long?)null);
        await connection.InvokeAsync("JoinBoard", update - 1);
        for (var i = 0; i < 200 && (Count(timeline) < 2 || Count(board) < 1); i++)
        {
            await Task.Delay(25);
        }

        var entry = timeline.Should().HaveCount(2).And.Subject.Last();
        entry.GetProperty("position").GetInt64().Should().Be(update);
        entry.GetProperty("incidentId").GetGuid().Should().Be(incident);
        entry.GetProperty("type").GetString().Should().Be("situation_update.logged.v1");
        entry.GetProperty("kind").GetString().Should().Be("situation-update");
        entry.GetProperty("language").GetString().Should().Be("ru");
        entry.GetProperty("updateId").ValueKind.Should().Be(JsonValueKind.String);
        entry.GetProperty("details").ValueKind.Should().Be(JsonValueKind.Object);
        var row = board.Should().ContainSingle().Subject;
        row.GetProperty("id").GetGuid().Should().Be(incident);
        row.GetProperty("lastPosition").GetInt64().Should().Be(update);
        row.GetProperty("status").GetString().Should().Be("Active");
        row.GetProperty("severity").GetString().Should().Be("Moderate");
        row.GetProperty("visibility").GetString().Should().Be("Normal");
        row.GetProperty("regions")[0].GetString().Should().Be("KZ-75");
    }

    private static int Count(List<JsonElement> messages)
    {
        lock (messages)
        {
            return messages.Count;
        }
    }
}
