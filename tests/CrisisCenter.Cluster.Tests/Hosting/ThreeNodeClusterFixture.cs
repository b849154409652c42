using CrisisCenter.Cluster.Tests.Support;
using CrisisCenter.E2E.Hosting;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Cluster.Tests.Hosting;

/// <summary>
/// Three nodes shared by the concurrency tests (starting app processes costs most of their time on a loaded machine,
/// so all three start side by side once). Nodes A and B stay up; node C may be stopped by a test (a membership
/// change). Without redis-server nothing starts and the tests skip.
/// </summary>
public sealed class ThreeNodeClusterFixture : IAsyncLifetime
{
    public static readonly TestUser Admin = new("admin.cluster", "Aigerim Admin", "Admin", "MES");
    public static readonly TestUser PressOfficer = new("press.cluster", "Dana Abenova", "PressOfficer", "MES");

    private readonly SemaphoreSlim _approversGate = new(1);
    private readonly List<ApiUser> _approvers = [];

    public ClusterUnderTest? Cluster { get; private set; }

    public RunningApp NodeA => Cluster!.Nodes[0];

    public RunningApp NodeB => Cluster!.Nodes[1];

    /// <summary>The node a test may stop.</summary>
    public RunningApp NodeC => Cluster!.Nodes[2];

    public async Task InitializeAsync()
    {
        if (RedisServer.Binary is null) return;
        // One CLI run (a process start) for the admin; everyone else is created through the API.
        Cluster = await ClusterUnderTest.StartAsync(3, [Admin]);
        try
        {
            using var admin = await ApiUser.SignInAsync(NodeA, Admin);
            await CreateAsync(admin, PressOfficer);
        }
        catch
        {
            await Cluster.DisposeAsync();
            Cluster = null;
            throw;
        }
    }

    /// <summary><paramref name="count"/> approvers of MES (the press officer's agency), created by the admin through
    /// POST /api/users and signed in.</summary>
    public async Task<IReadOnlyList<ApiUser>> ApproversAsync(int count)
    {
        await _approversGate.WaitAsync();
        try
        {
            if (_approvers.Count >= count) return _approvers.Take(count).ToList();
            using var admin = await ApiUser.SignInAsync(NodeA, Admin);
            var created = new List<TestUser>();
            for (var i = _approvers.Count; i < count; i++)
            {
                // One after another: every account is an append to the one user-directory stream.
                var approver = new TestUser($"approver{i:D2}.cluster", $"Approver {i:D2}", "Approver", "MES");
                await CreateAsync(admin, approver);
                created.Add(approver);
            }
            // Signing in (password hashing, the slow part on a loaded machine) side by side, where they were created;
            // their tokens work on every node (the tests send through both).
            var added = await Task.WhenAll(created.Select(approver => ApiUser.SignInAsync(NodeA, approver)));
            _approvers.AddRange(added);
            return [.. _approvers];
        }
        finally
        {
            _approversGate.Release();
        }
    }

    private async Task CreateAsync(ApiUser admin, TestUser user)
    {
        var created = await admin.SendAsync(NodeA, "/api/users", new
        {
            userName = user.UserName,
            displayName = user.DisplayName,
            password = TestUser.Password,
            agencyCode = user.AgencyCode,
            roles = new[] { user.Role },
        }, $"create-{user.UserName}");
        if (!created.IsSuccess) throw new InvalidOperationException($"Creating {user.UserName} answered {created}");
    }

    public async Task DisposeAsync()
    {
        foreach (var approver in _approvers) approver.Dispose();
        if (Cluster is not null) await Cluster.DisposeAsync();
        _approversGate.Dispose();
    }
}
