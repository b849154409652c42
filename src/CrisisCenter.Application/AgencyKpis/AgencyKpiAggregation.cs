using CrisisCenter.Application.Projections;

namespace CrisisCenter.Application.AgencyKpis;

/// <summary>
/// Pools incident KPIs into an agency's: counts are summed, durations re-computed from every incident's samples
/// (<see cref="IncidentKpiEvidence"/>), so the agency's median is a true median of its statements, rumours and posts.
/// </summary>
public static class AgencyKpiAggregation
{
    public static AgencyKpiReport Pool(
        string agency, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<(IncidentKpiReport Report, IncidentKpiEvidence Evidence)> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var channels = incidents
            .SelectMany(i => i.Report.Channels)
            .GroupBy(c => c.Channel, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var delivered = g.Sum(c => c.Delivered);
                var failed = g.Sum(c => c.FailedAttempts);
                return new AgencyChannelStats(
                    g.Key, g.Sum(c => c.Posts), delivered, failed, g.Sum(c => c.Abandoned + c.Uncertain),
                    delivered + failed == 0 ? null : (double)failed / (delivered + failed),
                    DurationStats.Of(incidents.SelectMany(i => i.Evidence.DeliveryLatencies).Where(d => d.Channel == g.Key).Select(d => d.Sample.Duration)));
            })
            .ToList();

        return new AgencyKpiReport(
            agency, from, to,
            [.. incidents.Select(i => i.Report.IncidentId)],
            DurationStats.Of(incidents.Select(i => i.Report.TimeToFirstPublicStatement).OfType<TimeSpan>()),
            DurationStats.Of(incidents.SelectMany(i => i.Evidence.ApprovalTurnarounds).Select(s => s.Duration)),
            DurationStats.Of(incidents.SelectMany(i => i.Evidence.RumorLoggedToRebutted).Select(s => s.Duration)),
            incidents.Sum(i => i.Report.RumorsLogged),
            incidents.Sum(i => i.Report.PublishedStatements),
            incidents.Sum(i => i.Report.CorrectionsPublished),
            incidents.Sum(i => i.Report.RetractionsPublished),
            channels);
    }
}
