using System.Globalization;
using System.Security.Claims;
using System.Text;
using CrisisCenter.Application.History;
using CrisisCenter.Application.PointInTime;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reports;
using CrisisCenter.Web.Hosting;
using CrisisCenter.Web.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Api;

/// <summary>
/// Reads of an incident's whole history, built from its stored events (not from read models): what was public at a
/// moment, and the after-action report (JSON, printable HTML, CSV timeline). Restricted incidents answer 404 to users
/// outside their agencies, as every other incident read does.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapIncidentReportsApi(this RouteGroupBuilder incident)
    {
        incident.MapGet("/as-of", async Task<Results<Ok<PublicRecord>, NotFound>> (Guid id, string? at, ClaimsPrincipal user, IncidentBoard board, IncidentHistory history, HttpContext http) =>
        {
            var moment = ParseMoment(at);
            if (ReadModelsApi.Visible(board, id, user) is null) return TypedResults.NotFound();
            return TypedResults.Ok(PublicRecordReplay.AsOf(id, await history.ReadAsync(id, http.RequestAborted), moment));
        }).WithSummary("What was public at a moment (ISO 8601; no offset means UTC): statements published by then with their revision and languages, channel posts, open rumours, status and severity. Events at exactly that moment count.");

        incident.MapGet("/report", (Guid id, string? format, ClaimsPrincipal user, IncidentBoard board, IncidentHistory history, HttpContext http, IOptions<CrisisCenterOptions> office) =>
            ReportAsync(id, format ?? "json", user, board, history, http, office))
            .WithSummary("After-action report: ?format=json (default), html (printable) or csv (timeline).");
        incident.MapGet("/report.{format}", (Guid id, string format, ClaimsPrincipal user, IncidentBoard board, IncidentHistory history, HttpContext http, IOptions<CrisisCenterOptions> office) =>
            ReportAsync(id, format, user, board, history, http, office))
            .WithSummary("After-action report as report.json, report.html (printable) or report.csv (timeline).");
        return incident;
    }

    private static async Task<IResult> ReportAsync(Guid id, string format, ClaimsPrincipal user, IncidentBoard board, IncidentHistory history, HttpContext http, IOptions<CrisisCenterOptions> office)
    {
        format = format.ToLowerInvariant();
        if (format is not ("json" or "html" or "csv"))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["One of json, html, csv."] });
        if (ReadModelsApi.Visible(board, id, user) is null) return TypedResults.NotFound();
        if (AfterActionReportBuilder.Build(await history.ReadAsync(id, http.RequestAborted)) is not { } report) return TypedResults.NotFound();

        switch (format)
        {
            case "html":
                // The page has no script at all; the policy makes sure nothing injected could run either.
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
                return TypedResults.Content(AfterActionReportHtml.Render(report, office.Value.OfficeTimeZone()), "text/html; charset=utf-8", Encoding.UTF8);
            case "csv":
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(report.Code)}-timeline.csv\"";
                return TypedResults.Content(TimelineCsv.Write(report.Timeline), "text/csv; charset=utf-8; header=present", Encoding.UTF8);
            default:
                return TypedResults.Ok(report);
        }
    }

    private static DateTimeOffset ParseMoment(string? at)
    {
        if (!string.IsNullOrWhiteSpace(at)
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var moment))
            return moment;
        throw new RequestValidationException(new Dictionary<string, string[]> { ["at"] = ["A moment in ISO 8601, e.g. 2026-03-01T14:05:00+05:00."] });
    }

    // Incident codes are ours (INC-2026-0042), but the header must never carry anything odd.
    private static string FileName(string code) => new([.. code.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
}
