using System.Globalization;
using System.Text;
using CrisisCenter.Application.Projections;

namespace CrisisCenter.Web.Reports;

/// <summary>
/// The report's timeline as CSV (RFC 4180): a header line, CRLF line ends, fields quoted when they hold a comma, a
/// quote, CR or LF (quotes doubled). A text field starting with = + - @ (or a tab or CR) gets a leading apostrophe,
/// so a spreadsheet shows it as text instead of running it as a formula (CSV injection); numbers and ids never do.
/// </summary>
public static class TimelineCsv
{
    private static readonly string[] Header =
        ["position", "revision", "at", "type", "kind", "actor_id", "actor_name", "agency", "language", "summary", "statement_id", "rumor_id", "update_id", "post_id"];

    public static string Write(IEnumerable<TimelineEntry> entries)
    {
        var csv = new StringBuilder();
        Line(csv, Header.Select(Field));
        foreach (var e in entries)
        {
            Line(csv, [
                e.Position.ToString(CultureInfo.InvariantCulture),
                e.Revision.ToString(CultureInfo.InvariantCulture),
                e.At.ToString("O", CultureInfo.InvariantCulture),
                Text(e.Type), Text(e.Kind), Text(e.ActorId), Text(e.ActorName), Text(e.AgencyCode), Text(e.Language), Text(e.Summary),
                Id(e.StatementId), Id(e.RumorId), Id(e.UpdateId), Id(e.PostId),
            ]);
        }

        return csv.ToString();
    }

    /// <summary>One text cell: neutralised against formulas, then quoted as RFC 4180 needs.</summary>
    public static string Text(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return Field(value);
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny("\",\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Id(Guid? id) => id?.ToString("D") ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields).Append("\r\n");
}
