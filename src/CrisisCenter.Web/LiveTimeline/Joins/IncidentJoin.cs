using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>Every timeline entry of one incident after the client's position: the history from the timeline read
/// model, then live entries.</summary>
internal sealed class IncidentJoin(Guid incidentId, Actor viewer, long afterPosition, IncidentTimeline timeline, IncidentBoard board, int pageSize)
    : LiveJoin(KeyOf(incidentId), viewer, [LiveGroups.Incident(incidentId)], afterPosition)
{
    public static string KeyOf(Guid incidentId) => LiveGroups.Incident(incidentId);

    public override IEnumerable<LiveMessage> Backlog()
    {
        var cursor = LastSent;
        while (IsActive)
        {
            // Checked per page: an agency removed from a restricted incident stops seeing it in mid-history too.
            if (board.Find(incidentId) is not { } incident || !Viewer.CanSee(incident))
            {
                yield break;
            }

            var page = timeline.ForIncident(incidentId, cursor, pageSize);
            foreach (var entry in page)
            {
                yield return LiveMessage.Timeline(entry);
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            cursor = page[^1].Position;
        }
    }
}
