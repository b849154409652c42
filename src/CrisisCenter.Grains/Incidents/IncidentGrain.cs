using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Grains.Incidents;

/// <summary>
/// One incident: replays its stream on activation, then per command decides with the domain, appends with the
/// expected revision and evolves. It never pushes anything anywhere: every node tails the store for that.
/// </summary>
public sealed partial class IncidentGrain(IEventStore store, IOptions<IncidentGrainOptions> options, ILogger<IncidentGrain> logger)
    : Grain, IIncidentGrain
{
    /// <summary>The revision of an incident whose stream holds nothing yet.</summary>
    private const long NoRevision = -1;

    private readonly IncidentPolicy policy = options.Value.Policy ?? IncidentPolicy.Default;
    private readonly AcceptedCommands acceptedCommands = new();
    private Guid incidentId;
    private string stream = "";
    private IncidentState state = IncidentState.Initial;
    private long revision = NoRevision;
    private long position = GlobalPosition.Start;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        incidentId = this.GetPrimaryKey();
        stream = IncidentStreams.For(incidentId);
        await CatchUpAsync(cancellationToken);
    }

    Task<IncidentSnapshot> IIncidentGrain.GetSnapshot() => Task.FromResult(new IncidentSnapshot(state, revision, position));

    async Task<CommandOutcome> IIncidentGrain.Execute(CommandEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(envelope.Command);
        var command = envelope.Command;
        var commandId = command.Context.CommandId;
        if (command.IncidentId != incidentId)
        {
            // Routing, not a business rule: a command addressed to another incident would land in the wrong stream.
            return Rejected(DomainError.Validation(DomainErrors.IncidentIdMismatch,
                $"The command names incident {command.IncidentId} but was sent to incident {incidentId}."));
        }

        // Our view can lag the store only when someone else appended (a failover's other activation, a writer
        // outside): then we read what we missed and try once more; a second surprise is the caller's conflict.
        var caughtUp = false;
        while (true)
        {
            if (acceptedCommands.TryGetFirstOutcome(commandId, out var first))
                return first with { Status = CommandStatus.Duplicate };

            if (envelope.ExpectedRevision is { } clientRevision && clientRevision != revision)
            {
                if (!caughtUp)
                {
                    caughtUp = true;
                    await CatchUpAsync();
                    continue;
                }

                return Conflict(actualRevision: revision);
            }

            var decision = Incident.Decide(state, command, policy);
            if (decision.IsRejected)
                return Rejected(decision.Error);

            try
            {
                return await AppendAsync(envelope, decision.Events);
            }
            catch (WrongExpectedRevisionException conflict) when (!caughtUp)
            {
                LogStaleView(logger, stream, revision, conflict.ActualRevision, conflict);
                caughtUp = true;
                await CatchUpAsync();
            }
            catch (IdempotencyConflictException conflict) when (!caughtUp)
            {
                // This command's event ids are already stored elsewhere in the stream: another activation
                // appended it. Reading up to date finds it and answers as a duplicate.
                LogStaleView(logger, stream, revision, actualRevision: null, conflict);
                caughtUp = true;
                await CatchUpAsync();
            }
            catch (WrongExpectedRevisionException conflict)
            {
                return Conflict(actualRevision: conflict.ActualRevision ?? NoRevision);
            }
        }
    }

    private async Task<CommandOutcome> AppendAsync(CommandEnvelope envelope, IReadOnlyList<IncidentEvent> events)
    {
        var commandId = envelope.Command.Context.CommandId;
        var metadata = MetadataOf(envelope);
        var records = new EventData[events.Count];
        for (var i = 0; i < events.Count; i++)
            records[i] = IncidentEventSerializer.ToEventData(events[i], IncidentEventSerializer.EventId(commandId, i), metadata);

        var expected = revision == NoRevision ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision);
        var result = await store.AppendAsync(stream, expected, records);
        if (result.NextExpectedRevision != revision + events.Count)
        {
            // The store recognised the event ids of an append that happened earlier at another place (another
            // activation decided this command first): what is stored wins, so read it instead of our events.
            await CatchUpAsync();
            return acceptedCommands.TryGetFirstOutcome(commandId, out var first)
                ? first with { Status = CommandStatus.Duplicate }
                : throw new InvalidOperationException(
                    $"Stream '{stream}' reported command {commandId} as already appended, but its events carry no such command id.");
        }

        foreach (var @event in events)
            state = Incident.Evolve(state, @event);
        revision = result.NextExpectedRevision;
        position = result.LastPosition;
        var outcome = new CommandOutcome(CommandStatus.Accepted, revision, position, events.Count);
        acceptedCommands.Remember(commandId, outcome);
        return outcome;
    }

    /// <summary>Folds in every event after the last one seen (all of them on activation).</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var recorded in store.ReadStreamAsync(stream, revision + 1, ReadDirection.Forwards, cancellationToken: cancellationToken))
        {
            if (IncidentEventSerializer.Deserialize(recorded) is { } @event)
                state = Incident.Evolve(state, @event);
            else
                LogUnknownEvent(logger, stream, recorded.Revision, recorded.Type);

            revision = recorded.Revision;
            position = recorded.Position;
            acceptedCommands.Observe(recorded);
        }
    }

    private static EventMetadata MetadataOf(CommandEnvelope envelope)
    {
        var context = envelope.Command.Context;
        return new EventMetadata
        {
            ActorId = context.Actor.UserId,
            ActorName = context.Actor.Name,
            AgencyCode = context.Actor.AgencyCode,
            CommandId = context.CommandId,
            SessionId = envelope.SessionId,
            CorrelationId = envelope.CorrelationId,
            Roles = [.. context.Actor.Roles.Select(r => r.ToString()).Order(StringComparer.Ordinal)],
        };
    }

    private CommandOutcome Rejected(DomainError error) =>
        new(CommandStatus.Rejected, revision, position, EventCount: 0, Error: error);

    private CommandOutcome Conflict(long actualRevision) =>
        new(CommandStatus.Conflict, revision, position, EventCount: 0, ActualRevision: actualRevision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} moved on behind this activation (seen {Revision}, stored {ActualRevision}); reading up to date and deciding again.")]
    private static partial void LogStaleView(ILogger logger, string stream, long revision, long? actualRevision, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream} revision {Revision} holds event type {Type}, which this version does not know; it is skipped.")]
    private static partial void LogUnknownEvent(ILogger logger, string stream, long revision, string type);
}
