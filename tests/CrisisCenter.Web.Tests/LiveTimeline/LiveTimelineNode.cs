using System.Collections.Concurrent;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.LiveTimeline;

/// <summary>One running node with the test users, shared by the live timeline tests (each test declares its own incidents).</summary>
public sealed class LiveTimelineNode : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public CrisisCenterApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await CrisisCenterApp.StartAsync();
        await TestUsers.RegisterAllAsync(App.Services);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        DataDirectories.Delete(App.DataDirectory);
    }

    public Task<ApiSession> SignInAsync(NewAccount account) => ApiSession.SignInAsync(App, account);

    public async Task<LiveTimelineClient> ConnectAsync(NewAccount account)
    {
        if (!_tokens.TryGetValue(account.UserName, out var token))
        {
            using var session = await SignInAsync(account);
            token = _tokens.GetOrAdd(account.UserName, session.Token);
        }

        return await LiveTimelineClient.ConnectAsync(App, token);
    }

    public Task<IReadOnlyList<(long Position, Guid EventId)>> StoredEventsAsync(Guid incidentId) => App.StoredEventsAsync(incidentId);
}

[CollectionDefinition(Name)]
public sealed class LiveTimelineCollection : ICollectionFixture<LiveTimelineNode>
{
    public const string Name = "Live timeline on one Kestrel node";
}
