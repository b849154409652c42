using System.Globalization;
using System.Text;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reports;
using CrisisCenter.Domain;
using static CrisisCenter.Web.Reports.ReportText;

namespace CrisisCenter.Web.Reports;

/// <summary>
/// The after-action report as one printable HTML page: no script at all, every piece of user text encoded, charts as
/// inline SVG, styles from <c>/css/report.css</c> (screen and print). Each fact shows the global position (#n) of
/// the event that recorded it, so a reader can find it in the CSV timeline or the store.
/// </summary>
public static class AfterActionReportHtml
{
    public const string StylesheetPath = "/css/report.css";

    public static string Render(AfterActionReport r, TimeZoneInfo zone)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append(CultureInfo.InvariantCulture, $"<title>After-action report {Html(r.Code)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{StylesheetPath}\"></head><body><main>");
        Header(html, r, zone);
        Kpis(html, r, zone);
        Statements(html, r, zone);
        Posts(html, r, zone);
        Rumors(html, r, zone);
        Timeline(html, r, zone);
        return html.Append("</main></body></html>").ToString();
    }

    private static void Header(StringBuilder h, AfterActionReport r, TimeZoneInfo zone)
    {
        h.Append(CultureInfo.InvariantCulture, $"<header><p class=\"kicker\">After-action report</p><h1>{Html(r.Code)} — {Html(r.Title)}</h1>")
         .Append(CultureInfo.InvariantCulture, $"<p>{Html(r.Description)}</p><dl class=\"facts\">")
         .Append(CultureInfo.InvariantCulture, $"<dt>Status</dt><dd>{r.Status}</dd><dt>Severity</dt><dd>{r.Severity}</dd><dt>Category</dt><dd>{r.Category}</dd>")
         .Append(CultureInfo.InvariantCulture, $"<dt>Lead agency</dt><dd>{Html(r.LeadAgency)}</dd><dt>Participating</dt><dd>{Html(string.Join(", ", r.ParticipatingAgencies))}</dd>")
         .Append(CultureInfo.InvariantCulture, $"<dt>Regions</dt><dd>{Html(string.Join(", ", r.Regions))}</dd><dt>Visibility</dt><dd>{r.Visibility}</dd>")
         .Append(CultureInfo.InvariantCulture, $"<dt>Declared</dt><dd>{Instant(r.DeclaredAt, zone)} by {Html(r.DeclaredBy)}</dd>")
         .Append(CultureInfo.InvariantCulture, $"<dt>Covers</dt><dd>{r.EventCount} events up to {Position(r.LastPosition)} ({Instant(r.AsOf, zone)})</dd>")
         .Append(CultureInfo.InvariantCulture, $"<dt>Times</dt><dd>{Html(zone.Id)}, dd.MM.yyyy HH:mm:ss with the UTC offset</dd></dl></header>");
    }

    private static void Kpis(StringBuilder h, AfterActionReport r, TimeZoneInfo zone)
    {
        var k = r.Kpis;
        var e = r.KpiEvidence;
        h.Append("<section><h2>Measures</h2><table><thead><tr><th>Measure</th><th>Value</th><th>From events</th></tr></thead><tbody>");
        Row("Time to first public statement", Duration(k.TimeToFirstPublicStatement), e.FirstPublicStatement is { } f ? Span(f) : "—");
        Row("Approval turnaround (median / p90)", $"{Duration(k.ApprovalTurnaround.Median)} / {Duration(k.ApprovalTurnaround.P90)} over {k.ApprovalTurnaround.Count}", Spans(e.ApprovalTurnarounds));
        Row("Rumour logged → rebuttal (median / p90)", $"{Duration(k.RumorLoggedToRebutted.Median)} / {Duration(k.RumorLoggedToRebutted.P90)} over {k.RumorLoggedToRebutted.Count}", Spans(e.RumorLoggedToRebutted));
        Row("Rumours logged / still open", $"{k.RumorsLogged} / {k.OpenRumors}", "");
        Row("Statements published", k.PublishedStatements.ToString(CultureInfo.InvariantCulture), "");
        Row("Corrections / retractions published", $"{k.CorrectionsPublished} / {k.RetractionsPublished}", string.Join(", ", e.CorrectionPositions.Concat(e.RetractionPositions).Order().Select(Position)));
        Row("Situation updates corrected", k.SituationUpdateCorrections.ToString(CultureInfo.InvariantCulture), "");
        foreach (var c in k.Channels)
        {
            Row($"Channel {c.Channel}: delivered / posts (failed attempts, abandoned, uncertain)",
                $"{c.Delivered} / {c.Posts} ({c.FailedAttempts}, {c.Abandoned}, {c.Uncertain})", "");
            Row($"Channel {c.Channel}: delivery latency (median / p90)", $"{Duration(c.DeliveryLatency.Median)} / {Duration(c.DeliveryLatency.P90)}",
                Spans(e.DeliveryLatencies.Where(d => d.Channel == c.Channel).Select(d => d.Sample).ToList()));
        }

        h.Append("</tbody></table><div class=\"charts\">")
         .Append(SvgBarChart.Render("Approval turnaround per revision (minutes)",
             [.. e.ApprovalTurnarounds.Select(s => ($"{Short(s.Subject)} {s.Detail}", s.Duration.TotalMinutes))]))
         .Append(SvgBarChart.Render("Delivery latency per channel, median and p90 (minutes)",
             [.. k.Channels.SelectMany(c => new[] { ($"{c.Channel} median", c.DeliveryLatency.Median), ($"{c.Channel} p90", c.DeliveryLatency.P90) })
                 .Where(b => b.Item2 is not null).Select(b => (b.Item1, b.Item2!.Value.TotalMinutes))]))
         .Append(SvgBarChart.Render("Rumour logged to rebuttal (minutes)",
             [.. e.RumorLoggedToRebutted.Select(s => (Short(s.Subject), s.Duration.TotalMinutes))]))
         .Append("</div></section>");

        void Row(string name, string value, string evidence) =>
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html(name)}</td><td>{Html(value)}</td><td class=\"pos\">{Html(evidence)}</td></tr>");
    }

    private static string Span(KpiSample s) => $"{Position(s.FromPosition)} → {Position(s.ToPosition)}";

    private static string Spans(IReadOnlyList<KpiSample> samples) => string.Join(", ", samples.Select(Span));

    private static string Short(Guid id) => id.ToString("N")[..8];

    private static void Statements(StringBuilder h, AfterActionReport r, TimeZoneInfo zone)
    {
        h.Append("<section><h2>Statements</h2>");
        if (r.Statements.Count == 0) h.Append("<p class=\"muted\">No statements.</p>");
        foreach (var s in r.Statements)
        {
            h.Append(CultureInfo.InvariantCulture, $"<article class=\"statement\"><h3>{s.Kind} {Short(s.StatementId)} — {s.Status}</h3><p class=\"muted\">Statement {s.StatementId:D}");
            if (s.ReferencesStatementId is { } refS) h.Append(CultureInfo.InvariantCulture, $"; refers to statement {refS:D}");
            if (s.ReferencesRumorId is { } refR) h.Append(CultureInfo.InvariantCulture, $"; answers rumour {refR:D}");
            h.Append("</p>");
            foreach (var v in s.Revisions)
            {
                h.Append(CultureInfo.InvariantCulture, $"<div class=\"revision\"><h4>Revision {v.Number}</h4><p>Written by {Html(v.Written.By)} at {Instant(v.Written.At, zone)} {Position(v.Written.Position)}; hash <code>{Html(v.ContentHash)}</code>");
                if (v.Submitted is { } sub) h.Append(CultureInfo.InvariantCulture, $"; submitted by {Html(sub.By)} at {Instant(sub.At, zone)} {Position(sub.Position)}");
                h.Append("</p>");
                foreach (var (language, text) in LanguageCodes.All.Where(v.Content.ContainsKey).Select(l => (l, v.Content[l])))
                {
                    h.Append(CultureInfo.InvariantCulture, $"<div class=\"text\" lang=\"{language.ToCode()}\"><p class=\"lang\">{language.ToCode()}</p><p class=\"headline\">{Html(text.Headline)}</p><p class=\"body\">{Html(text.Body)}</p>");
                    if (!string.IsNullOrEmpty(text.Instruction)) h.Append(CultureInfo.InvariantCulture, $"<p class=\"instruction\">{Html(text.Instruction)}</p>");
                    h.Append("</div>");
                }

                if (v.Changes.Count > 0)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<div class=\"diff\"><p>Changes from revision {v.Number - 1}:</p><ul>");
                    foreach (var c in v.Changes)
                    {
                        h.Append(CultureInfo.InvariantCulture, $"<li><span class=\"lang\">{c.Language.ToCode()} {c.Field}</span>: ");
                        foreach (var span in c.Spans)
                        {
                            h.Append(span.Operation switch
                            {
                                DiffOperation.Removed => $"<del>{Html(span.Text)}</del>",
                                DiffOperation.Added => $"<ins>{Html(span.Text)}</ins>",
                                _ => Html(span.Text),
                            });
                        }

                        h.Append("</li>");
                    }

                    h.Append("</ul></div>");
                }

                if (v.Approvals.Count > 0)
                {
                    h.Append("<table><thead><tr><th>Approved by</th><th>At</th><th>Content hash</th><th>Approvals</th><th>Event</th></tr></thead><tbody>");
                    foreach (var a in v.Approvals)
                        h.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html(a.Approved.By)}</td><td>{Instant(a.Approved.At, zone)}</td><td><code>{Html(a.ContentHash)}</code></td><td>{a.ApprovalsSoFar} of {a.ApprovalsRequired}</td><td class=\"pos\">{Position(a.Approved.Position)}</td></tr>");
                    h.Append("</tbody></table>");
                }

                h.Append("</div>");
            }

            foreach (var j in s.Rejections)
                h.Append(CultureInfo.InvariantCulture, $"<p>Revision {j.Revision} rejected by {Html(j.Rejected.By)} at {Instant(j.Rejected.At, zone)} {Position(j.Rejected.Position)}: {Html(j.Reason)}</p>");
            if (s.Publication is { } p)
                h.Append(CultureInfo.InvariantCulture, $"<p class=\"published\">Revision {p.Revision} published by {Html(p.Published.By)} at {Instant(p.Published.At, zone)} {Position(p.Published.Position)} to {Html(string.Join(", ", p.Channels))}</p>");
            if (s.SupersededBy is { } x)
                h.Append(CultureInfo.InvariantCulture, $"<p class=\"superseded\">{(x.Kind == StatementKind.Retraction ? "Retracted" : "Corrected")} by {x.Kind} {Short(x.StatementId)} at {Instant(x.At, zone)} {Position(x.Position)}</p>");
            h.Append("</article>");
        }

        h.Append("</section>");
    }

    private static void Posts(StringBuilder h, AfterActionReport r, TimeZoneInfo zone)
    {
        h.Append("<section><h2>Publication and delivery</h2><table><thead><tr><th>Statement</th><th>Channel</th><th>Lang</th><th>Action</th><th>Scheduled</th><th>Status</th><th>Outcomes</th></tr></thead><tbody>");
        foreach (var p in r.ChannelPosts)
        {
            var outcomes = string.Join("; ", p.Outcomes.Select(o => $"{o.Outcome} (attempt {o.Attempt}) {Instant(o.At, zone)} {Position(o.Position)}{(o.Error is { } err ? ": " + err : "")}"));
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{Short(p.StatementId)} r{p.Revision}</td><td>{Html(p.Channel)}</td><td>{p.Language.ToCode()}</td><td>{p.Action}</td><td>{Instant(p.Scheduled.At, zone)} {Position(p.Scheduled.Position)}</td><td>{p.Status}</td><td>{Html(outcomes)}</td></tr>");
        }

        h.Append("</tbody></table></section>");
    }

    private static void Rumors(StringBuilder h, AfterActionReport r, TimeZoneInfo zone)
    {
        h.Append("<section><h2>Rumours</h2><table><thead><tr><th>Claim</th><th>Seen</th><th>Logged</th><th>Assessments</th><th>Rebuttal</th><th>Status</th></tr></thead><tbody>");
        foreach (var m in r.Rumors)
        {
            var assessments = string.Join("; ", m.Assessments.Select(a => $"{a.Verdict} by {a.Assessed.By} {Instant(a.Assessed.At, zone)} {Position(a.Assessed.Position)}: {a.Evidence}"));
            var rebuttal = m.Rebuttal is { } b ? $"{Short(b.StatementId)} at {Instant(b.At, zone)} {Position(b.Position)}, after {Duration(b.Delay)}" : m.Closed is { } c ? $"closed {Instant(c.Closed.At, zone)} {Position(c.Closed.Position)}: {c.Reason}" : "—";
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html(m.Claim)}</td><td>{Html(m.WhereSeen)} {Html(m.Link)} (first seen {Instant(m.FirstSeenAt, zone)})</td><td>{Html(m.Logged.By)} {Instant(m.Logged.At, zone)} {Position(m.Logged.Position)}</td><td>{Html(assessments)}</td><td>{Html(rebuttal)}</td><td>{m.Status}</td></tr>");
        }

        h.Append("</tbody></table></section>");
    }

    private static void Timeline(StringBuilder h, AfterActionReport r, TimeZoneInfo zone)
    {
        h.Append("<section class=\"timeline\"><h2>Timeline</h2><table><thead><tr><th>Event</th><th>At</th><th>Who</th><th>What</th></tr></thead><tbody>");
        foreach (var t in r.Timeline)
            h.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"pos\">{Position(t.Position)}</td><td>{Instant(t.At, zone)}</td><td>{Html(t.ActorName ?? t.ActorId)} {Html(t.AgencyCode)}</td><td>{Html(t.Summary)}</td></tr>");
        h.Append("</tbody></table></section>");
    }
}
