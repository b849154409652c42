using System.Globalization;
using System.Security.Claims;
using CrisisCenter.Application.AgencyKpis;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.Web.Auth;

namespace CrisisCenter.Web.Api;

public static class AgencyKpisApi
{
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapAgencyKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", async (string? agency, string? from, string? to, ClaimsPrincipal user, IncidentBoard board, IncidentKpiReports kpis, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            var problems = new FieldProblems();
            var until = Moment(to, "to", problems) ?? clock.GetUtcNow();
            // Clamped: 'to' near the start of the calendar has no full default period before it (found by the fuzz).
            var since = Moment(from, "from", problems) ?? (until - DateTimeOffset.MinValue > DefaultPeriod ? until - DefaultPeriod : DateTimeOffset.MinValue);
            problems.When(since >= until, "from", "Must be before 'to'.");
            var errors = problems.ToDictionary();
            if (errors.Count > 0) throw new RequestValidationException(errors);
            var lead = string.IsNullOrWhiteSpace(agency) ? actor.AgencyCode : agency.Trim();

            // Only incidents this user may see count: a restricted incident never leaks through an aggregate.
            var measured = new List<(IncidentKpiReport, IncidentKpiEvidence)>();
            for (var page = 1; ; page++)
            {
                var found = board.Query(new IncidentBoardQuery(Agency: lead, Page: page, PageSize: IncidentBoardQuery.MaxPageSize), s =>
                    s.LeadAgency == lead && s.DeclaredAt >= since && s.DeclaredAt < until
                    && IncidentVisibility.CanSee(actor, s.Visibility, s.LeadAgency, s.ParticipatingAgencies, s.Regions));
                foreach (var summary in found.Items)
                    if (await kpis.MeasureAsync(summary.Id, ct) is { } kpi)
                        measured.Add(kpi);
                if (!found.HasNext) break;
            }

            return TypedResults.Ok(AgencyKpiAggregation.Pool(lead, since, until, measured));
        }).WithTags("KPIs").WithSummary("KPIs of the incidents an agency led (default: yours), declared in [from, to) (default: the last 30 days): pooled medians and p90s, corrections, deliveries per channel.");
        return api;
    }

    private static DateTimeOffset? Moment(string? text, string field, FieldProblems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)) return moment;
        problems.Add(field, "A moment in ISO 8601, e.g. 2026-03-01T00:00:00+05:00.");
        return null;
    }
}
