using CrisisCenter.Domain;
using Orleans.CodeGeneration;

namespace CrisisCenter.Grains.Incidents;

/// <summary>One activation per incident (keyed by the incident id). Decides commands with the domain and
/// appends the events to the incident's stream with the expected revision.</summary>
/// <remarks>Version 1: <see cref="Execute"/> answers "not found" to an actor who may not see the incident (version 0
/// left that to the caller). Orleans never lets a version-0 activation serve a version-1 caller (it deactivates it and
/// activates the incident again on a silo of this build), so during a rolling upgrade a new node's command always
/// meets the check; an old node's command meets it too, twice.</remarks>
[Version(1)]
public interface IIncidentGrain : IGrainWithGuidKey
{
    /// <summary>Decides and appends one command. To an actor who may not see the incident
    /// (<see cref="IncidentVisibility"/>), an incident that exists answers exactly as one never declared
    /// (<see cref="DomainErrors.IncidentNotFound"/>, revision -1), before anything that would tell them apart:
    /// a duplicate, a stale If-Match revision, the domain's own answer.</summary>
    Task<CommandOutcome> Execute(CommandEnvelope envelope);

    /// <summary>The current state with its stream revision (-1 when the incident does not exist).</summary>
    Task<IncidentSnapshot> GetSnapshot();
}

/// <summary>A domain command plus what the edge knows about it: the revision the client saw (If-Match),
/// the session and the correlation id (go into event metadata).</summary>
[GenerateSerializer, Immutable]
public sealed record CommandEnvelope(
    [property: Id(0)] IncidentCommand Command,
    [property: Id(1)] long? ExpectedRevision = null,
    [property: Id(2)] string? SessionId = null,
    [property: Id(3)] Guid? CorrelationId = null);

public enum CommandStatus
{
    /// <summary>Decided and appended (or nothing to append).</summary>
    Accepted,
    /// <summary>This command id was already handled: the first outcome is returned, nothing was appended.</summary>
    Duplicate,
    /// <summary>The domain said no: see <see cref="CommandOutcome.Error"/>.</summary>
    Rejected,
    /// <summary>The client's If-Match revision is stale, or another writer kept winning: see <see cref="CommandOutcome.ActualRevision"/>.</summary>
    Conflict,
}

[GenerateSerializer, Immutable]
public sealed record CommandOutcome(
    [property: Id(0)] CommandStatus Status,
    [property: Id(1)] long Revision,
    [property: Id(2)] long Position,
    [property: Id(3)] int EventCount,
    [property: Id(4)] DomainError? Error = null,
    [property: Id(5)] long? ActualRevision = null)
{
    public bool Succeeded => Status is CommandStatus.Accepted or CommandStatus.Duplicate;
}

[GenerateSerializer, Immutable]
public sealed record IncidentSnapshot(
    [property: Id(0)] IncidentState State,
    [property: Id(1)] long Revision,
    [property: Id(2)] long Position);
