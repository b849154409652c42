using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Application.Pipeline;

/// <summary>Logs every message with its duration and outcome and records it in the
/// <c>crisiscenter.messages</c> metrics (count and duration per message type and outcome).</summary>
public sealed class InstrumentationBehaviour<TMessage, TResponse>(ILogger<InstrumentationBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        using var activity = ApplicationTelemetry.Source.StartActivity(name);
        var outcome = "ok";
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var tags = new TagList { { "message", name }, { "outcome", outcome } };
            ApplicationTelemetry.Messages.Add(1, tags);
            ApplicationTelemetry.MessageDuration.Record(elapsed.TotalMilliseconds, tags);
            InstrumentationLog.Handled(logger, name, elapsed.TotalMilliseconds, outcome);
        }
    }
}

/// <summary>The behaviour's log line, generated: when the level is off (the production default for the pipeline's
/// category) a message costs one check, with no boxing and no argument array.</summary>
internal static partial class InstrumentationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} handled in {ElapsedMs:0.0} ms: {Outcome}")]
    public static partial void Handled(ILogger logger, string message, double elapsedMs, string outcome);
}

public static class ApplicationTelemetry
{
    public const string Name = "CrisisCenter.Application";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);
    public static readonly Counter<long> Messages = Meter.CreateCounter<long>("crisiscenter.messages", description: "Mediator messages handled");
    public static readonly Histogram<double> MessageDuration = Meter.CreateHistogram<double>("crisiscenter.message.duration", "ms", "Time to handle a mediator message");
}
