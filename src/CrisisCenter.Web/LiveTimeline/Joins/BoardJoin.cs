using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// The board: the current row of every incident the viewer may see that changed after the client's position, then
/// each change live. Restricted incidents reach only their agencies' board groups.
/// </summary>
internal sealed class BoardJoin(Actor viewer, long afterPosition, IncidentBoard board)
    : LiveJoin(JoinKey, viewer, [LiveGroups.PublicBoard, LiveGroups.AgencyBoard(viewer.AgencyCode)], afterPosition)
{
    public const string JoinKey = "board";

    /// <remarks>
    /// The board is a set of rows, not a log, and it is read in pages while the projections keep applying events;
    /// this is why the result is still gap-free and duplicate-free:
    /// <list type="bullet">
    /// <item><c>upTo</c> is the last entry the broadcaster had routed when it routed this join: every change after it
    /// has a live message queued behind this backlog, every change up to it is on the board.</item>
    /// <item>Rows only move towards the first page, and only when they change: pages are read until one comes back
    /// short, so an unchanged row is read at least once (twice at most, when rows ahead of it are added or move).</item>
    /// <item>A row read in a state later than <c>upTo</c> is left to its live message; an earlier state of it is
    /// not needed, because a row message is the whole current state.</item>
    /// <item>Sent in position order, so <see cref="LiveJoin.LastSent"/> then skips exactly the live messages whose
    /// change the backlog already covered (a change at or before <c>upTo</c> was on the board when the pages were read).</item>
    /// </list>
    /// </remarks>
    public override IEnumerable<LiveMessage> Backlog()
    {
        var upTo = RoutedAfter;
        var changed = new Dictionary<Guid, IncidentSummary>();
        for (var page = 1; ; page++)
        {
            var rows = board.Query(IncidentBoardQuery.All with { Page = page, PageSize = IncidentBoardQuery.MaxPageSize }, Viewer.CanSee);
            foreach (var row in rows.Items)
            {
                if (row.LastPosition > LastSent && row.LastPosition <= upTo
                    && (!changed.TryGetValue(row.Id, out var seen) || seen.LastPosition < row.LastPosition))
                {
                    changed[row.Id] = row;
                }
            }

            if (rows.Items.Count < rows.Size)
            {
                break;
            }
        }

        return changed.Values.OrderBy(row => row.LastPosition).Select(LiveMessage.Board);
    }
}
