using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.LiveTimeline;

/// <summary>Disabling a user ends their live connections too, not only their API tokens; other users stay connected.</summary>
public sealed class DisabledUserConnectionTests : IAsyncLifetime
{
    private CrisisCenterApp app = null!;

    public async Task InitializeAsync() =>
        app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?> { ["LiveTimeline:SessionRecheckInterval"] = "00:00:00.200" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    [Fact(Timeout = 60_000)]
    public async Task a_disabled_users_open_connection_is_closed_and_cannot_come_back()
    {
        var leaving = await app.CreateUserAsync("leaving.mes", "MES", "PressOfficer");
        await app.CreateUserAsync("staying.mes", "MES", "PressOfficer");
        using var leavingApi = await app.SignInAsync("leaving.mes");
        using var stayingApi = await app.SignInAsync("staying.mes");
        var leavingToken = TokenOf(leavingApi);
        await using var disabled = await LiveTimelineClient.ConnectAsync(app, leavingToken);
        await using var control = await LiveTimelineClient.ConnectAsync(app, TokenOf(stayingApi));
        await disabled.JoinBoardAsync();
        await control.JoinBoardAsync();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        disabled.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await app.Services.GetRequiredService<AccountDirectory>().DisableAsync(leaving.UserId, "Left the press service", "admin");

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        disabled.Connection.State.Should().Be(HubConnectionState.Disconnected);
        control.Connection.State.Should().Be(HubConnectionState.Connected, "only the disabled user's sessions end");
        var comeBack = () => LiveTimelineClient.ConnectAsync(app, leavingToken);
        (await comeBack.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }
}
