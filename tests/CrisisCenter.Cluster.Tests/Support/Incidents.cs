using CrisisCenter.E2E.Hosting;

namespace CrisisCenter.Cluster.Tests.Support;

/// <summary>Setting up incidents through the HTTP API, spread over the nodes.</summary>
public static class Incidents
{
    public static object Declaration(string title, string severity = "Moderate") => new
    {
        title,
        description = "Declared by the cluster tests.",
        category = "Met",
        severity,
        regions = new[] { "KZ-75" },
        visibility = "Normal",
    };

    /// <summary>Declares <paramref name="count"/> incidents, the i-th through node i mod n, a few at a time; returns their ids in order.</summary>
    public static async Task<IReadOnlyList<Guid>> DeclareAsync(ApiUser user, IReadOnlyList<RunningApp> nodes, int count, string titlePrefix, int parallel = 8)
    {
        var ids = new Guid[count];
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var answer = await user.SendAsync(nodes[i % nodes.Count], "/api/incidents", Declaration($"{titlePrefix} {i:D3}"), $"{titlePrefix}-declare-{i:D3}");
                if (!answer.IsSuccess) throw new InvalidOperationException($"Declaring incident {i} answered {answer}");
                ids[i] = answer.Body!.Value.GetProperty("incidentId").GetGuid();
            }
            finally
            {
                gate.Release();
            }
        }));
        return ids;
    }
}
