using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// One row of the incident board. <see cref="Revision"/> is the stream revision of the last event (the ETag of the
/// incident), <see cref="LastPosition"/> its global position; <see cref="LastActivityAt"/> is the latest event time.
/// <see cref="PublishedStatements"/> counts statements ever published (later corrected or retracted ones too);
/// <see cref="StatementsAwaitingApproval"/> those in review; <see cref="OpenRumors"/> rumours neither rebutted nor closed.
/// </summary>
public sealed record IncidentSummary(
    Guid Id,
    string Code,
    string Title,
    IncidentStatus Status,
    Severity Severity,
    IncidentCategory Category,
    IReadOnlyList<string> Regions,
    string LeadAgency,
    IReadOnlyList<string> ParticipatingAgencies,
    Visibility Visibility,
    bool IsPublicWarning,
    DateTimeOffset DeclaredAt,
    DateTimeOffset LastActivityAt,
    long Revision,
    long LastPosition,
    int OpenRumors,
    int PublishedStatements,
    int StatementsAwaitingApproval)
{
    public bool Involves(string agencyCode) =>
        string.Equals(LeadAgency, agencyCode, StringComparison.Ordinal) || ParticipatingAgencies.Contains(agencyCode, StringComparer.Ordinal);
}
