using System.Collections.Immutable;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

public enum CapMessageType { Alert, Update, Cancel }

/// <summary>A message of an earlier statement that a CAP Update or Cancel refers to.</summary>
public sealed record CapReference(Guid StatementId, DateTimeOffset Sent);

/// <summary>One CAP 1.2 message: a public-warning statement, in every language of its published revision.</summary>
public sealed record CapMessage(
    Guid StatementId,
    Guid IncidentId,
    string IncidentCode,
    IncidentCategory Category,
    Severity Severity,
    ImmutableList<string> Regions,
    DateTimeOffset Sent,
    CapMessageType Type,
    ImmutableList<CapReference> References,
    ImmutableDictionary<Language, StatementText> Content,
    StatementKind Kind = StatementKind.Update);
