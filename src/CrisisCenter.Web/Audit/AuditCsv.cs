using System.Globalization;
using System.Text;
using CrisisCenter.Application.Audit;
using CrisisCenter.Web.Reports;

namespace CrisisCenter.Web.Audit;

/// <summary>An audit page as CSV, with the same RFC 4180 quoting and formula neutralising as the report timeline.</summary>
public static class AuditCsv
{
    private static readonly string[] Header =
        ["position", "stream", "revision", "recorded_at", "type", "actor_id", "actor_name", "agency", "roles", "session_id", "command_id", "incident_id", "summary"];

    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Header).Append("\r\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',',
                e.Position.ToString(CultureInfo.InvariantCulture),
                TimelineCsv.Text(e.Stream),
                e.Revision.ToString(CultureInfo.InvariantCulture),
                e.RecordedAt.ToString("O", CultureInfo.InvariantCulture),
                TimelineCsv.Text(e.Type), TimelineCsv.Text(e.ActorId), TimelineCsv.Text(e.ActorName), TimelineCsv.Text(e.AgencyCode),
                TimelineCsv.Text(string.Join(' ', e.Roles)), TimelineCsv.Text(e.SessionId),
                e.CommandId?.ToString("D") ?? "", e.IncidentId?.ToString("D") ?? "", TimelineCsv.Text(e.Summary)).Append("\r\n");
        }
        return csv.ToString();
    }
}
