using System.Collections.Concurrent;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.LiveTimeline;

/// <summary>One running node with the test users, shared by the live timeline tests (each test declares its own incidents).</summary>
public sealed class LiveTimelineNode : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public CrisisCenterNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = new CrisisCenterNode(_data.Path).Start();
        await TestUsers.RegisterAllAsync(Node.Services);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _data.Dispose();
    }

    public Task<ApiSession> SignInAsync(NewAccount account) => ApiSession.SignInAsync(Node, account);

    public async Task<LiveTimelineClient> ConnectAsync(NewAccount account)
    {
        if (!_tokens.TryGetValue(account.UserName, out var token))
        {
            using var session = await SignInAsync(account);
            token = _tokens.GetOrAdd(account.UserName, session.Token);
        }

        return await LiveTimelineClient.ConnectAsync(Node, token);
    }

    public Task<IReadOnlyList<(long Position, Guid EventId)>> StoredEventsAsync(Guid incidentId) => Node.StoredEventsAsync(incidentId);
}

[CollectionDefinition(Name)]
public sealed class LiveTimelineCollection : ICollectionFixture<LiveTimelineNode>
{
    public const string Name = "Live timeline on one Kestrel node";
}
