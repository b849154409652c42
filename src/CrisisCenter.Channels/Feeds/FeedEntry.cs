using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

public enum FeedEntryStatus
{
    Published,

    /// <summary>A published correction amends it; the text stays, marked, with a link to the correction.</summary>
    Corrected,

    /// <summary>A published retraction withdrew it; the text is no longer shown.</summary>
    Retracted,
}

/// <summary>
/// One statement in one language as the public sees it. <see cref="Id"/> is stable for the life of the statement
/// (a tag URI of statement and language), so feed readers update the entry in place when it is corrected or retracted.
/// </summary>
public sealed record FeedEntry(
    Guid StatementId,
    Language Language,
    Guid IncidentId,
    string IncidentCode,
    string IncidentTitle,
    StatementKind Kind,
    int Revision,
    StatementText Text,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    FeedEntryStatus Status,
    Guid? AmendedBy = null,
    Guid? Amends = null)
{
    public string Id => $"tag:crisiscenter,2026:statement/{StatementId:D}/{Language.ToCode()}";

    /// <summary>What the public may read: a retracted statement's text is withdrawn.</summary>
    public StatementText? VisibleText => Status == FeedEntryStatus.Retracted ? null : Text;
}
