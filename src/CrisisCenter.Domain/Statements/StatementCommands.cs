namespace CrisisCenter.Domain;

/// <summary>
/// Creates revision 1. Correction and Retraction name <paramref name="ReferencesStatementId"/> (a published
/// statement of this incident); Rebuttal names <paramref name="ReferencesRumorId"/>; other kinds name neither.
/// </summary>
public sealed record DraftStatement(
    Guid IncidentId,
    CommandContext Context,
    Guid StatementId,
    StatementKind Kind,
    IReadOnlyDictionary<Language, StatementText> Content,
    Guid? ReferencesStatementId = null,
    Guid? ReferencesRumorId = null) : IncidentCommand(IncidentId, Context);

/// <summary>Creates the next revision; voids every earlier approval and returns the statement to Draft.</summary>
public sealed record ReviseStatement(
    Guid IncidentId,
    CommandContext Context,
    Guid StatementId,
    IReadOnlyDictionary<Language, StatementText> Content) : IncidentCommand(IncidentId, Context);

public sealed record SubmitStatement(Guid IncidentId, CommandContext Context, Guid StatementId, int Revision)
    : IncidentCommand(IncidentId, Context);

/// <summary>The approver names what they read: the revision and its content hash.</summary>
public sealed record ApproveStatement(
    Guid IncidentId,
    CommandContext Context,
    Guid StatementId,
    int Revision,
    string ContentHash) : IncidentCommand(IncidentId, Context);

public sealed record RejectStatement(
    Guid IncidentId,
    CommandContext Context,
    Guid StatementId,
    int Revision,
    string Reason) : IncidentCommand(IncidentId, Context);

/// <summary>
/// Publishes the approved current revision to <paramref name="Channels"/> (channel codes configured by an admin,
/// e.g. "telegram", "feed"); posts wait until <paramref name="NotBefore"/> when given.
/// </summary>
public sealed record PublishStatement(
    Guid IncidentId,
    CommandContext Context,
    Guid StatementId,
    int Revision,
    string ContentHash,
    IReadOnlyList<string> Channels,
    DateTimeOffset? NotBefore = null) : IncidentCommand(IncidentId, Context);
