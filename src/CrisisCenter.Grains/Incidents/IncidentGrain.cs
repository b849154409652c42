using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents.Snapshots;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Grains.Incidents;

/// <summary>
/// One incident: on activation starts from its newest snapshot (when there is a usable one) and reads the rest of its
/// stream, then per command decides with the domain, appends with the expected revision and evolves. Every
/// <see cref="IncidentGrainOptions.SnapshotInterval"/> events it leaves a new snapshot behind, off the command's path.
/// It never pushes anything anywhere: every node tails the store for that.
/// </summary>
public sealed partial class IncidentGrain(IEventStore store, ISnapshotStore snapshots, IOptions<IncidentGrainOptions> options, ILogger<IncidentGrain> logger)
    : Grain, IIncidentGrain
{
    /// <summary>The revision of an incident whose stream holds nothing yet.</summary>
    private const long NoRevision = -1;

    private readonly IncidentPolicy policy = options.Value.Policy ?? IncidentPolicy.Default;
    private readonly int snapshotInterval = options.Value.SnapshotInterval;
    private readonly int snapshotCommandWindow = options.Value.SnapshotCommandWindow;
    private readonly AcceptedCommands acceptedCommands = new();
    private Guid incidentId;
    private string stream = "";
    private IncidentState state = IncidentState.Initial;
    private long revision = NoRevision;
    private long position = GlobalPosition.Start;
    private Guid lastEventId;

    /// <summary>The last event's revision and hash as the store reported them: the next append chains onto it without
    /// reading the stream first (the store checks it where it can). Null after an append whose hash the store did
    /// not report; the store then reads.</summary>
    private StreamTail? tail;

    /// <summary>The revision the newest snapshot (read or written by this activation) reflects.</summary>
    private long snapshotRevision = NoRevision;
    private readonly Lock snapshotGate = new();
    /// <summary>The newest snapshot taken and not yet handed to the writer (a newer one replaces it).</summary>
    private SnapshotMaterial? nextSnapshot;
    private bool snapshotWriterRunning;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        incidentId = this.GetPrimaryKey();
        stream = IncidentStreams.For(incidentId);
        if (snapshotInterval > 0)
            await StartFromSnapshotAsync(cancellationToken);
        await CatchUpAsync(cancellationToken);
        // The activation that paid for a long replay spares the next one.
        SnapshotIfDue();
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
            // Checked on every round: catching up may have moved the incident out of the actor's sight.
            if (command is not DeclareIncident && state.Exists && !IncidentVisibility.CanSee(command.Context.Actor, state))
                return NotVisible();
            if (acceptedCommands.TryGetFirstOutcome(commandId, out var first))
                return first with { Status = CommandStatus.Duplicate };
            if (acceptedCommands.IsAcceptedWithoutOutcome(commandId) && await ReadOutcomeBackAsync(commandId) is { } older)
                return older with { Status = CommandStatus.Duplicate };

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
        var result = await store.AppendAsync(stream, expected, records, tail);
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
        lastEventId = records[^1].EventId;
        tail = result.Tail;
        var outcome = new CommandOutcome(CommandStatus.Accepted, revision, position, events.Count);
        acceptedCommands.Remember(commandId, outcome);
        SnapshotIfDue();
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
            lastEventId = recorded.EventId;
            tail = StreamTail.Of(recorded);
            acceptedCommands.Observe(recorded);
        }
    }

    /// <summary>
    /// Takes the newest snapshot as the starting point when it is usable: readable, of this build's schema, of this
    /// incident, and still describing the stream (the event at its revision is the one it names, at the same global
    /// position - not so after the stream was deleted, truncated or rebuilt). Anything else means a full replay:
    /// a snapshot is a cache, so it may cost time but never an activation.
    /// </summary>
    private async Task StartFromSnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await snapshots.ReadSnapshotAsync(stream, cancellationToken) is not { } stored)
                return;
            var snapshot = IncidentSnapshotFormat.Read(stored.Data.Span, out var problem);
            if (snapshot is null || snapshot.Revision != stored.Revision || (snapshot.State.Exists && snapshot.State.Id != incidentId))
            {
                LogSnapshotUnusable(logger, stream, stored.Revision, problem ?? "it describes another revision or incident");
                return;
            }

            RecordedEvent? anchor = null;
            await foreach (var recorded in store.ReadStreamAsync(stream, snapshot.Revision, ReadDirection.Forwards, maxCount: 1, cancellationToken))
                anchor = recorded;
            if (anchor is null || anchor.Revision != snapshot.Revision || anchor.EventId != snapshot.LastEventId || anchor.Position != snapshot.Position)
            {
                LogSnapshotUnusable(logger, stream, snapshot.Revision, "the stream no longer holds the event it ends with (deleted, truncated or rebuilt)");
                return;
            }

            var earlier = IncidentSnapshotFormat.UnpackIds(snapshot.EarlierCommandIds);
            acceptedCommands.Restore(
                snapshot.RecentCommands.Select(c => KeyValuePair.Create(c.CommandId, new CommandOutcome(CommandStatus.Accepted, c.Revision, c.Position, c.EventCount))),
                earlier);
            state = snapshot.State;
            revision = snapshot.Revision;
            position = snapshot.Position;
            lastEventId = snapshot.LastEventId;
            tail = StreamTail.Of(anchor);
            snapshotRevision = snapshot.Revision;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSnapshotFailed(logger, stream, e);
            state = IncidentState.Initial;
            revision = NoRevision;
            position = GlobalPosition.Start;
            lastEventId = default;
            tail = null;
            snapshotRevision = NoRevision;
            acceptedCommands.Clear();
        }
    }

    /// <summary>
    /// Leaves a snapshot behind once <see cref="IncidentGrainOptions.SnapshotInterval"/> events have passed since the
    /// last one. Only the copy is taken in the turn (the state is immutable; the accepted commands are copied, a few
    /// microseconds per thousand); encoding and the write run on the thread pool, so no command waits for them, and a
    /// failure is logged and forgotten. One write at a time: a snapshot that falls due while one is being written is
    /// taken now and written next (a newer one replaces it while it waits), so the newest due snapshot is always
    /// written even when no further command comes.
    /// </summary>
    private void SnapshotIfDue()
    {
        if (snapshotInterval <= 0 || revision == NoRevision || revision - snapshotRevision < snapshotInterval)
            return;
        var taken = new SnapshotMaterial(state, revision, position, lastEventId, acceptedCommands.Copy());
        snapshotRevision = revision;
        lock (snapshotGate)
        {
            nextSnapshot = taken;
            if (snapshotWriterRunning) return;
            snapshotWriterRunning = true;
        }
        _ = Task.Run(WriteSnapshotsAsync);
    }

    private async Task WriteSnapshotsAsync()
    {
        while (true)
        {
            SnapshotMaterial? taken;
            lock (snapshotGate)
            {
                taken = nextSnapshot;
                nextSnapshot = null;
                if (taken is null)
                {
                    snapshotWriterRunning = false;
                    return;
                }
            }

            await WriteSnapshotAsync(taken);
        }
    }

    private async Task WriteSnapshotAsync(SnapshotMaterial taken)
    {
        try
        {
            var recent = taken.Commands.Outcomes
                .OrderByDescending(c => c.Value.Revision)
                .ToList();
            var window = Math.Min(snapshotCommandWindow, recent.Count);
            var earlier = recent.Skip(window).Select(c => c.Key).Concat(taken.Commands.WithoutOutcome).ToList();
            var snapshot = new IncidentStateSnapshot(
                IncidentSnapshotFormat.CurrentSchema, taken.Revision, taken.Position, taken.LastEventId, taken.State,
                [.. recent.Take(window).Select(c => new AcceptedCommand(c.Key, c.Value.Revision, c.Value.Position, c.Value.EventCount))],
                IncidentSnapshotFormat.PackIds(earlier));
            await snapshots.WriteSnapshotAsync(stream, new StoredSnapshot(taken.Revision, IncidentSnapshotFormat.Write(snapshot)));
        }
        catch (Exception e)
        {
            LogSnapshotWriteFailed(logger, stream, taken.Revision, e);
        }
    }

    /// <summary>
    /// The first outcome of a command accepted before the window of the snapshot this activation started from: its
    /// events are read back from the stream (a command's events are appended together, so they are consecutive).
    /// Rare and slower, but the answer is exactly what a full replay would have given, and the command is never
    /// decided (and appended) a second time.
    /// </summary>
    private async Task<CommandOutcome?> ReadOutcomeBackAsync(Guid commandId)
    {
        CommandOutcome? outcome = null;
        await foreach (var recorded in store.ReadStreamAsync(stream, 0, ReadDirection.Forwards))
        {
            if (recorded.Revision > revision)
                break;
            if (recorded.Metadata.CommandId == commandId)
            {
                outcome = AcceptedCommands.Extend(outcome, recorded);
            }
            else if (outcome is not null)
            {
                break;
            }
        }

        if (outcome is null)
        {
            LogAcceptedCommandNotFound(logger, stream, commandId);
            return null;
        }
        acceptedCommands.Remember(commandId, outcome);
        return outcome;
    }

    /// <summary>What a snapshot is made of, taken in the grain's turn and encoded outside it.</summary>
    private sealed record SnapshotMaterial(IncidentState State, long Revision, long Position, Guid LastEventId, AcceptedCommandsCopy Commands);

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

    /// <summary>What an actor who may not see this incident hears: what an incident never declared answers, word for
    /// word, with nothing of this one (its revision and position are those of an empty stream).</summary>
    private CommandOutcome NotVisible() => new(
        CommandStatus.Rejected, Revision: NoRevision, Position: GlobalPosition.Start, EventCount: 0,
        Error: DomainError.NotFound(DomainErrors.IncidentNotFound, $"Incident {incidentId} has not been declared."));

    private CommandOutcome Conflict(long actualRevision) =>
        new(CommandStatus.Conflict, revision, position, EventCount: 0, ActualRevision: actualRevision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} moved on behind this activation (seen {Revision}, stored {ActualRevision}); reading up to date and deciding again.")]
    private static partial void LogStaleView(ILogger logger, string stream, long revision, long? actualRevision, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot of stream {Stream} at revision {Revision} is not used, {Problem}; replaying the stream in full.")]
    private static partial void LogSnapshotUnusable(ILogger logger, string stream, long revision, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting stream {Stream} from its snapshot failed; replaying the stream in full.")]
    private static partial void LogSnapshotFailed(ILogger logger, string stream, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the snapshot of stream {Stream} at revision {Revision} failed; the next one is taken a snapshot interval later.")]
    private static partial void LogSnapshotWriteFailed(ILogger logger, string stream, long revision, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot of stream {Stream} named command {CommandId} as accepted, but the stream holds no event of it; deciding it afresh.")]
    private static partial void LogAcceptedCommandNotFound(ILogger logger, string stream, Guid commandId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream} revision {Revision} holds event type {Type}, which this version does not know; it is skipped.")]
    private static partial void LogUnknownEvent(ILogger logger, string stream, long revision, string type);
}
