using System.Collections.Concurrent;
using CrisisCenter.Grains.SignIn;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Application.Accounts;

/// <summary>Counts wrong passwords in a row per account until a success or a lockout.</summary>
public interface ISignInFailures
{
    /// <summary>Counts one failure; true exactly once, for the failure that reaches <paramref name="limit"/>.</summary>
    Task<bool> RecordFailureAsync(string userId, int limit, CancellationToken ct);

    Task ResetAsync(string userId, CancellationToken ct);
}

/// <summary>One process's count (the CLI, tests of the directory alone): enough where there is a single node.</summary>
public sealed class LocalSignInFailures : ISignInFailures
{
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public Task<bool> RecordFailureAsync(string userId, int limit, CancellationToken ct)
    {
        var reached = false;
        _failures.AddOrUpdate(userId, 1, (_, n) => n + 1);
        // Only the caller that removes the entry at the limit reports it, so two racing failures lock once.
        if (_failures.TryGetValue(userId, out var count) && count >= limit && _failures.TryRemove(new KeyValuePair<string, int>(userId, count)))
            reached = true;
        return Task.FromResult(reached);
    }

    public Task ResetAsync(string userId, CancellationToken ct)
    {
        _failures.TryRemove(userId, out _);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The cluster-wide count: one <see cref="ISignInFailuresGrain"/> per account, wherever the sign-in lands. Should the
/// cluster not answer, the count falls back to this node's (logged), so sign-in never fails for want of a counter.
/// </summary>
public sealed partial class ClusterSignInFailures(IGrainFactory grains, ILogger<ClusterSignInFailures> logger) : ISignInFailures
{
    private readonly LocalSignInFailures _fallback = new();

    public async Task<bool> RecordFailureAsync(string userId, int limit, CancellationToken ct)
    {
        try
        {
            return await grains.GetGrain<ISignInFailuresGrain>(userId).RecordFailure(limit).WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallback(logger, ex, userId);
            return await _fallback.RecordFailureAsync(userId, limit, ct);
        }
    }

    public async Task ResetAsync(string userId, CancellationToken ct)
    {
        await _fallback.ResetAsync(userId, ct);
        try
        {
            await grains.GetGrain<ISignInFailuresGrain>(userId).Reset().WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallback(logger, ex, userId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster's sign-in failure count for {UserId} is unavailable; counting on this node.")]
    private static partial void LogFallback(ILogger logger, Exception exception, string userId);
}
