using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CrisisCenter.Channels.Delivery;

/// <summary>
/// Delivers one post: reads it from its incident, sends through its channel's adapter with retries (Polly: retry on
/// transient results, a timeout per attempt), and records every attempt's outcome on the incident before going on,
/// so the store always says where the post stands. Runs inside the post's grain, which makes it the only sender.
/// </summary>
public sealed partial class ChannelPostDelivery(
    IIncidentGateway incidents,
    IChannelTargets targets,
    ChannelAdapters adapters,
    PublicLinks links,
    IOptionsMonitor<ChannelsOptions> options,
    TimeProvider clock,
    ILogger<ChannelPostDelivery> logger)
{
    public async Task<DeliveryRun> DeliverAsync(Guid incidentId, Guid postId, CancellationToken cancellationToken = default)
    {
        var incident = await incidents.GetAsync(incidentId);
        if (!incident.ChannelPosts.TryGetValue(postId, out var post))
            return DeliveryRun.Finished("not-found");
        if (post.Status == ChannelPostStatus.Delivered || post.AwaitsOperator)
            return DeliveryRun.Finished(post.Status.ToString());

        var now = clock.GetUtcNow();
        if (DueAt(post) is { } due && due > now)
            return new DeliveryRun("not-due", due);

        var dispatch = options.CurrentValue.Dispatch;
        var record = new OutcomeCommands(incidentId, postId, incident.Version, clock);
        var target = targets.Find(post.Channel);
        var adapter = target is null ? null : adapters.For(target.Kind);
        var problem = target is null ? $"Channel '{post.Channel}' is not configured."
            : !target.Enabled ? $"Channel '{post.Channel}' is switched off."
            : adapter is null ? $"No adapter sends to {target.Kind} channels."
            : null;
        if (problem is not null)
            return await FinishAsync(record.Abandon(post.Attempts, problem), "Abandoned");

        if (post.Status == ChannelPostStatus.Sending && !adapter!.IsIdempotent)
        {
            // Sending with no outcome: the node that sent it stopped before it could record one. It may have gone out.
            return await FinishAsync(
                record.Uncertain(post.Attempts + 1, $"Attempt {post.Attempts + 1} to {post.Channel} was interrupted before its outcome was recorded; check the channel, then confirm the post or re-send it."),
                "Uncertain");
        }

        var message = ChannelMessage.For(incident, post, target!, links);
        if (message is null)
            return await FinishAsync(record.Abandon(post.Attempts, $"Statement {post.StatementId} revision {post.Revision} has no {post.Language.ToCode()} text."), "Abandoned");

        return await SendWithRetriesAsync(message, adapter!, post.Attempts, post.AttemptsBeforeRetry, dispatch, record, cancellationToken);
    }

    private async Task<DeliveryRun> SendWithRetriesAsync(
        ChannelMessage message, IChannelAdapter adapter, int attemptsSoFar, int attemptsBeforeRetry, DispatchOptions dispatch, OutcomeCommands record, CancellationToken cancellationToken)
    {
        var attempt = attemptsSoFar;
        // An operator's retry gives the post a new round: MaxAttempts more, with the backoff starting small again.
        var remaining = Math.Max(1, dispatch.MaxAttempts - (attemptsSoFar - attemptsBeforeRetry));
        var delays = new RetryDelays(dispatch);
        var builder = new ResiliencePipelineBuilder<DeliveryResult> { TimeProvider = clock };
        if (remaining > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<DeliveryResult>
            {
                MaxRetryAttempts = remaining - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is DeliveryResult.Refused refused && IsRetryable(refused, adapter)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    delays.After(attempt - attemptsBeforeRetry, (args.Outcome.Result as DeliveryResult.Refused)?.RetryAfter)),
                OnRetry = async args =>
                {
                    var refused = (DeliveryResult.Refused)args.Outcome.Result!;
                    var retryAt = clock.GetUtcNow() + args.RetryDelay;
                    await RecordAsync(record.Failed(attempt, refused.Error, retryAt));
                    LogRetry(logger, message.Post.Id, message.Post.Channel, attempt, refused.Error, retryAt);
                    // Long waits belong to the store, not to this call: come back at the recorded time.
                    if (args.RetryDelay > dispatch.MaxInProcessWait)
                        throw new ComeBackLater(retryAt);
                },
            });
        }

        var pipeline = builder.Build();
        var perAttempt = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(dispatch.AttemptTimeout).Build();

        DeliveryResult result;
        try
        {
            result = await pipeline.ExecuteAsync(async token =>
            {
                attempt++;
                if (!adapter.IsIdempotent)
                    await RecordAsync(record.Sending(attempt));
                return await SendOnceAsync(adapter, message, perAttempt, token);
            }, cancellationToken);
        }
        catch (ComeBackLater later)
        {
            return new DeliveryRun("Failed", later.At);
        }
        catch (OutcomeNotRecorded rejected)
        {
            return DeliveryRun.Finished("not-recorded: " + rejected.Message);
        }

        return result switch
        {
            DeliveryResult.Sent sent => await FinishAsync(record.Delivered(attempt, sent.ExternalId, sent.Url?.ToString()), "Delivered"),
            DeliveryResult.Refused { MaybeSent: true } refused when !adapter.IsIdempotent => await FinishAsync(
                record.Uncertain(attempt, $"{refused.Error} The send may have gone out: check the channel, then confirm the post or re-send it."), "Uncertain"),
            DeliveryResult.Refused refused => await FinishAsync(
                record.Abandon(attempt, refused.IsPermanent ? refused.Error : $"Gave up after {attempt - attemptsBeforeRetry} attempts: {refused.Error}"), "Abandoned"),
            _ => throw new InvalidOperationException($"Unknown delivery result {result}."),
        };
    }

    private static bool IsRetryable(DeliveryResult.Refused refused, IChannelAdapter adapter) =>
        !refused.IsPermanent && (!refused.MaybeSent || adapter.IsIdempotent);

    private static async ValueTask<DeliveryResult> SendOnceAsync(
        IChannelAdapter adapter, ChannelMessage message, ResiliencePipeline perAttempt, CancellationToken cancellationToken)
    {
        try
        {
            return await perAttempt.ExecuteAsync(async token => await adapter.SendAsync(message, token), cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            return DeliveryResult.Interrupted($"No answer from the channel within {timeout.Timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return DeliveryResult.Interrupted($"The send failed midway: {error.GetType().Name}: {error.Message}");
        }
    }

    private async Task<DeliveryRun> FinishAsync(IncidentCommand command, string outcome)
    {
        try
        {
            await RecordAsync(command);
            return DeliveryRun.Finished(outcome);
        }
        catch (OutcomeNotRecorded rejected)
        {
            return DeliveryRun.Finished("not-recorded: " + rejected.Message);
        }
    }

    private async Task RecordAsync(IncidentCommand command)
    {
        var outcome = await incidents.ExecuteAsync(command);
        if (!outcome.Succeeded)
        {
            // The post moved on without us (an operator acted, or another sender after a failover): stop here.
            LogNotRecorded(logger, command.GetType().Name, outcome.Status, outcome.Error?.Code);
            throw new OutcomeNotRecorded($"{command.GetType().Name}: {outcome.Status} {outcome.Error?.Code}");
        }
    }

    /// <summary>When the post is due: its schedule, or its recorded retry time; null means now.</summary>
    public static DateTimeOffset? DueAt(ChannelPostState post) => post.Status switch
    {
        ChannelPostStatus.Scheduled => post.NotBefore,
        ChannelPostStatus.Failed => post.NextRetryAt,
        _ => null,
    };

    private sealed class ComeBackLater(DateTimeOffset at) : Exception
    {
        public DateTimeOffset At { get; } = at;
    }

    private sealed class OutcomeNotRecorded(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: attempt {Attempt} failed ({Error}); next attempt at {RetryAt}.")]
    private static partial void LogRetry(ILogger logger, Guid postId, string channel, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The incident did not take {Command}: {Status} {Code}; this delivery run stops.")]
    private static partial void LogNotRecorded(ILogger logger, string command, CommandStatus status, string? code);
}
