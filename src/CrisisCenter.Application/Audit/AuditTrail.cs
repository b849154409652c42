using System.Text.Json;
using CrisisCenter.Application.Projections;

namespace CrisisCenter.Application.Audit;

/// <summary>
/// The audit read model: every stored event of every stream (incidents, the user directory, templates, incident codes),
/// as rows of the node's <see cref="ReadStore"/> indexed by (actor, position) and (stream, position), so "what did this
/// user do" and "who did what to this incident" are both one index walk. The <see cref="ProjectionHost"/> writes the rows
/// in its batches (each record is read and decoded once per node); entries are small (no event data, a summary line).
/// </summary>
public sealed class AuditTrail(ReadStore store, ProjectionHost host)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The global position of the last event indexed.</summary>
    public long Position => host.Position;

    /// <summary>What <paramref name="actorId"/> did, in store order, after <paramref name="afterPosition"/>, optionally
    /// within [<paramref name="from"/>, <paramref name="to"/>) and only where <paramref name="include"/> agrees.</summary>
    public AuditPage ForActor(string actorId, long afterPosition, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null, Func<AuditEntry, bool>? include = null) =>
        PageOf("SELECT entry FROM audit WHERE actor_id = $key AND position > $after ORDER BY position;", actorId, afterPosition, limit,
            e => (from is null || e.RecordedAt >= from) && (to is null || e.RecordedAt < to) && (include?.Invoke(e) ?? true));

    /// <summary>Everything recorded in <paramref name="stream"/> after <paramref name="afterPosition"/>, in order.</summary>
    public AuditPage ForStream(string stream, long afterPosition, int limit) =>
        PageOf("SELECT entry FROM audit WHERE stream = $key AND position > $after ORDER BY position;", stream, afterPosition, limit, _ => true);

    /// <summary>Waits (at most <paramref name="timeout"/>) until the trail has indexed <paramref name="position"/>;
    /// false when it has not by then (the caller answers with what there is).</summary>
    public async Task<bool> WaitForAsync(long position, TimeSpan timeout, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            await host.WaitForPositionAsync(position, bounded.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private AuditPage PageOf(string sql, string key, long afterPosition, int limit, Func<AuditEntry, bool> include)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var items = new List<AuditEntry>(Math.Min(limit, 64));
        var more = false;
        foreach (var json in store.Query(sql, p => { p.AddWithValue("$key", key); p.AddWithValue("$after", afterPosition); }))
        {
            var entry = JsonSerializer.Deserialize<AuditEntry>(json, ReadStoreJson.Options) ?? throw new InvalidDataException("An empty audit row.");
            if (!include(entry)) continue;
            if (items.Count == limit)
            {
                more = true;
                break;
            }
            items.Add(entry);
        }
        return new AuditPage(items, more ? items[^1].Position : null);
    }
}
