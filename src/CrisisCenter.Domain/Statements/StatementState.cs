using System.Collections.Immutable;

namespace CrisisCenter.Domain;

public sealed record StatementState(
    Guid Id,
    StatementKind Kind,
    Guid? ReferencesStatementId,
    Guid? ReferencesRumorId,
    StatementStatus Status,
    ImmutableList<StatementRevision> Revisions)
{
    public StatementRevision Current => Revisions[^1];

    public int? PublishedRevision { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public ImmutableList<StatementRejection> Rejections { get; init; } = [];

    /// <summary>Posts created when this statement was published, in scheduling order.</summary>
    public ImmutableList<Guid> PostIds { get; init; } = [];

    /// <summary>The published Correction or Retraction that superseded this statement.</summary>
    public Guid? SupersededBy { get; init; }

    public bool WasPublished => PublishedRevision is not null;

    /// <summary>Everyone who wrote any revision: none of them may approve the statement (four eyes).</summary>
    public IEnumerable<string> Authors => Revisions.Select(revision => revision.Author).Distinct();
}

public sealed record StatementRevision(
    int Number,
    ImmutableDictionary<Language, StatementText> Content,
    string ContentHash,
    string Author,
    DateTimeOffset At)
{
    public string? SubmittedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>Approvals of this revision, in the order given (kept for the record even after they stop counting).</summary>
    public ImmutableList<Approval> Approvals { get; init; } = [];
}

public sealed record Approval(string Approver, int Revision, string ContentHash, DateTimeOffset At);

public sealed record StatementRejection(string By, int Revision, string Reason, DateTimeOffset At);
