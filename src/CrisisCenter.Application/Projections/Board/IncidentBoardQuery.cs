using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Filters of the incident board; null means "any". <see cref="Agency"/> matches the lead or a participating agency;
/// <see cref="Text"/> matches code or title, ignoring case. <see cref="Page"/> is 1-based; <see cref="PageSize"/> is
/// capped at <see cref="MaxPageSize"/>.
/// </summary>
public sealed record IncidentBoardQuery(
    IncidentStatus? Status = null,
    Severity? Severity = null,
    string? Region = null,
    string? Agency = null,
    string? Text = null,
    int Page = 1,
    int PageSize = IncidentBoardQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public static IncidentBoardQuery All { get; } = new();

    public bool Matches(IncidentSummary incident) =>
        (Status is not { } status || incident.Status == status)
        && (Severity is not { } severity || incident.Severity == severity)
        && (string.IsNullOrWhiteSpace(Region) || incident.Regions.Contains(Region.Trim(), StringComparer.Ordinal))
        && (string.IsNullOrWhiteSpace(Agency) || incident.Involves(Agency.Trim()))
        && (string.IsNullOrWhiteSpace(Text)
            || incident.Code.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase)
            || incident.Title.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase));
}
