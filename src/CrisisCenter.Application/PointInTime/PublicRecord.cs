using CrisisCenter.Domain;

namespace CrisisCenter.Application.PointInTime;

/// <summary>
/// What was public about one incident at <see cref="At"/>: its status and severity then, the statements published by
/// then (with the revision and languages that went out), every channel post and where it stood, and the rumours still
/// open. <see cref="LastPosition"/> is the global position of the last event folded in (null: nothing had happened
/// yet, <see cref="Declared"/> is false); <see cref="EventsFolded"/> how many of the stream's events counted.
/// </summary>
public sealed record PublicRecord(
    Guid IncidentId,
    DateTimeOffset At,
    bool Declared,
    long? LastPosition,
    int EventsFolded,
    string Code,
    string Title,
    IncidentStatus Status,
    Severity Severity,
    IReadOnlyList<string> Regions,
    IReadOnlyList<PublicStatement> Statements,
    IReadOnlyList<PostAsOf> ChannelPosts,
    IReadOnlyList<OpenRumor> OpenRumors);

/// <summary>
/// A statement that was public at the moment asked about. <see cref="Status"/> is Published, or Corrected / Retracted
/// when the Correction / Retraction named in <see cref="SupersededBy"/> had been published by then.
/// <see cref="Content"/> is the text of the published <see cref="Revision"/>, <see cref="Languages"/> its languages.
/// </summary>
public sealed record PublicStatement(
    Guid StatementId,
    StatementKind Kind,
    StatementStatus Status,
    int Revision,
    string ContentHash,
    DateTimeOffset PublishedAt,
    IReadOnlyList<Language> Languages,
    IReadOnlyDictionary<Language, StatementText> Content,
    Guid? ReferencesStatementId,
    Guid? ReferencesRumorId,
    Guid? SupersededBy);

public sealed record PostAsOf(
    Guid PostId,
    Guid StatementId,
    int Revision,
    string Channel,
    Language Language,
    ChannelPostAction Action,
    ChannelPostStatus Status,
    int Attempts,
    string? ExternalId,
    string? Url,
    string? LastError);

public sealed record OpenRumor(
    Guid RumorId,
    string Claim,
    string WhereSeen,
    string? Link,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LoggedAt,
    RumorStatus Status,
    RumorVerdict? Verdict);
