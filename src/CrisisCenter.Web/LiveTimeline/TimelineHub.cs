using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// The live timeline at <see cref="TimelineHubContract.Route"/>. A signed-in client joins what it follows; the server
/// checks each join against what the user may see, then sends <c>timeline(entry)</c> / <c>board(summary)</c> messages
/// through the <see cref="TimelineBroadcaster"/>. A join with <c>afterPosition</c> first gets what it missed after
/// that position, in order, then live messages, with no gap and no duplicate between the two.
/// </summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public sealed class TimelineHub(
    TimelineBroadcaster broadcaster,
    IHubContext<TimelineHub> hub,
    IncidentBoard board,
    IncidentTimeline timeline,
    ProjectionHost projections,
    IOptions<LiveTimelineOptions> options,
    LivePayloads payloads,
    HubLifetimeManager<TimelineHub> lifetime,
    ILogger<TimelineHub> logger) : Hub
{
    private Actor Viewer => Context.User!.ToActor();

    public override Task OnConnectedAsync()
    {
        var client = new HubLiveClient(hub.Clients.Client(Context.ConnectionId), Context, payloads, (lifetime as TimelineConnections)?.Find(Context.ConnectionId));
        broadcaster.Connect(new LiveConnection(Context.ConnectionId, Viewer, client, options.Value.OutboxCapacity, logger, Context.User));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception) => broadcaster.DisconnectAsync(Context.ConnectionId);

    // Each method names its policy (a test checks it); which incidents, regions and agencies a user may
    // follow is decided per call below, against the same visibility rule as the API.
    /// <summary>Every timeline entry of the incident after <paramref name="afterPosition"/> (all when null), then live.</summary>
    [Authorize(Policy = AccessPolicies.SignedIn)]
    public async Task JoinIncident(Guid incidentId, long? afterPosition)
    {
        await CatchUpAsync(afterPosition);
        var viewer = Viewer;
        if (board.Find(incidentId) is not { } incident || !viewer.CanSee(incident))
        {
            // The same answer for both: a restricted incident's existence does not leak.
            throw new HubException($"There is no incident {incidentId} that you may follow.");
        }

        Join(new IncidentJoin(incidentId, viewer, ResumePoint(afterPosition), timeline, board, options.Value.BacklogPageSize));
    }

    [Authorize(Policy = AccessPolicies.SignedIn)]
    public void LeaveIncident(Guid incidentId) => broadcaster.Leave(Context.ConnectionId, IncidentJoin.KeyOf(incidentId));

    /// <summary>The current row of every incident the user may see that changed after <paramref name="afterPosition"/>
    /// (all when null), oldest change first, then each change live.</summary>
    [Authorize(Policy = AccessPolicies.SignedIn)]
    public async Task JoinBoard(long? afterPosition)
    {
        await CatchUpAsync(afterPosition);
        Join(new BoardJoin(Viewer, ResumePoint(afterPosition), board));
    }

    [Authorize(Policy = AccessPolicies.SignedIn)]
    public void LeaveBoard() => broadcaster.Leave(Context.ConnectionId, BoardJoin.JoinKey);

    /// <summary>Live entries of the region's incidents the user may see (observers and akimat users: their own region; admins: any).</summary>
    [Authorize(Policy = AccessPolicies.SignedIn)]
    public void JoinRegion(string regionCode)
    {
        var viewer = Viewer;
        if (LiveTimelineAccess.RefuseRegion(viewer, regionCode) is { } refusal)
        {
            throw new HubException(refusal);
        }

        Join(new RegionJoin(regionCode, viewer));
    }

    [Authorize(Policy = AccessPolicies.SignedIn)]
    public void LeaveRegion(string regionCode) => broadcaster.Leave(Context.ConnectionId, RegionJoin.KeyOf(regionCode));

    /// <summary>Live entries of the incidents the agency leads or takes part in that the user may see (own agency; admins: any).</summary>
    [Authorize(Policy = AccessPolicies.SignedIn)]
    public void JoinAgency(string agencyCode)
    {
        var viewer = Viewer;
        if (LiveTimelineAccess.RefuseAgency(viewer, agencyCode) is { } refusal)
        {
            throw new HubException(refusal);
        }

        Join(new AgencyJoin(agencyCode, viewer));
    }

    [Authorize(Policy = AccessPolicies.SignedIn)]
    public void LeaveAgency(string agencyCode) => broadcaster.Leave(Context.ConnectionId, AgencyJoin.KeyOf(agencyCode));

    private void Join(LiveJoin join)
    {
        switch (broadcaster.Join(Context.ConnectionId, join))
        {
            case JoinOutcome.Joined:
                return;
            case JoinOutcome.TooManyJoins:
                throw new HubException($"A connection follows at most {options.Value.MaxJoinsPerConnection} incidents, regions and agencies; leave one first.");
            default:
                throw new HubException("This connection is closing; reconnect and join again from your last position.");
        }
    }

    private static long ResumePoint(long? afterPosition) => Math.Max(afterPosition ?? GlobalPosition.Start, GlobalPosition.Start);

    /// <summary>
    /// Waits (bounded) until this node's read models finished their rebuild and reached the position the client has
    /// seen, possibly on another node, so an incident declared there is known here. Answering after the wait from
    /// what the node has is still correct: positions are the store's, the same on every node.
    /// </summary>
    private async Task CatchUpAsync(long? afterPosition)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Context.ConnectionAborted);
        wait.CancelAfter(options.Value.CatchUpWait);
        try
        {
            await projections.WaitUntilCaughtUpAsync(wait.Token);
            if (afterPosition is { } position && position > projections.Position)
            {
                await projections.WaitForPositionAsync(position, wait.Token);
            }
        }
        catch (OperationCanceledException) when (!Context.ConnectionAborted.IsCancellationRequested)
        {
            // Not there yet: answer from what this node has.
        }
    }
}
