using System.Diagnostics;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// Pushes every timeline entry this node's projections apply, in store order, to the connections of this node that
/// follow it: the incident's, its regions' and its agencies' groups get the entry, the board groups get the
/// incident's row as of that entry. Only projected DTOs are sent, only to viewers who may see the incident.
/// </summary>
/// <remarks>
/// <para>Every web node runs one over its own projections, which tail the shared store: a command handled by another
/// node reaches this node's clients through the store, so there is no backplane whose messages could be lost.</para>
/// <para><b>Gap-free, duplicate-free joins.</b> <see cref="Join"/> routes the join and queues its backlog under the
/// same lock <see cref="OnApplied"/> holds while it routes an entry, and the projections add an entry to the read
/// models before they call <see cref="OnApplied"/>. So for each entry after the client's position, either its
/// <see cref="OnApplied"/> came first, and the entry is in the read models the backlog reads later, or the join came
/// first, and the entry's live message is queued behind the backlog. The sender sends the backlog from the read
/// models as they are when it gets to it and then each live message whose position is beyond the last one sent for
/// that join: nothing is missed, nothing is sent twice, and positions only grow within a join.</para>
/// <para><b>Bounded memory.</b> Nothing here waits for a client: each connection's outbox is bounded and a client
/// that lets it fill up is disconnected (see <see cref="LiveConnection"/>).</para>
/// </remarks>
public sealed class TimelineBroadcaster(IncidentBoard board, IOptions<LiveTimelineOptions> options)
    : ITimelineListener
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<LiveJoin>> _groups = new(StringComparer.Ordinal);

    // Reused under the lock: the joins an entry matched, per connection.
    private readonly Dictionary<LiveConnection, List<LiveJoin>> _matched = [];
    // Lists of _matched given back after each message: an entry followed by 500 connections would otherwise
    // allocate 500 lists (twice, with the board row) only to copy them into the deliveries.
    private readonly Stack<List<LiveJoin>> _spareLists = new();
    private readonly List<LiveConnection> _overflowed = [];
    private long _routedUpTo = GlobalPosition.Start;

    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The open connections, as of now.</summary>
    internal IReadOnlyList<LiveConnection> Connections()
    {
        lock (_gate)
        {
            return [.. _connections.Values];
        }
    }

    internal void Connect(LiveConnection connection)
    {
        lock (_gate)
        {
            _connections[connection.Id] = connection;
        }

        LiveTimelineTelemetry.Connections.Add(1);

        connection.Start();
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        LiveConnection? connection;
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out connection))
            {
                return;
            }

            Unroute(connection);
        }

        LiveTimelineTelemetry.Connections.Add(-1);
        await connection.StopAsync();
    }

    internal JoinOutcome Join(string connectionId, LiveJoin join)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var connection))
            {
                return JoinOutcome.NotConnected;
            }

            if (connection.HasOverflowed)
            {
                return JoinOutcome.Overflowed;
            }

            if (connection.Joins.Remove(join.Key, out var earlier))
            {
                Unroute(earlier);
            }
            else if (connection.Joins.Count >= options.Value.MaxJoinsPerConnection)
            {
                return JoinOutcome.TooManyJoins;
            }

            join.Connection = connection;
            join.RoutedAfter = _routedUpTo;
            connection.Joins[join.Key] = join;
            foreach (var group in join.Groups)
            {
                if (!_groups.TryGetValue(group, out var members))
                {
                    _groups[group] = members = [];
                }

                members.Add(join);
            }

            // Under the lock that routes entries: every live message of this join is queued behind its backlog.
            if (!connection.TryQueue(new BacklogDelivery(join)))
            {
                Unroute(connection);
                return JoinOutcome.Overflowed;
            }

            return JoinOutcome.Joined;
        }
    }

    internal void Leave(string connectionId, string key)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var connection) && connection.Joins.Remove(key, out var join))
            {
                Unroute(join);
            }
        }
    }

    /// <summary>Called by the projection loop, in store order, once every read model has applied the entry's event.
    /// Entries of the rebuild at start (<paramref name="isLive"/> false) are routed too: a client may join while the
    /// node is still rebuilding, and its join's backlog ends where the rebuild was.</summary>
    public void OnApplied(TimelineEntry entry, bool isLive)
    {
        // The board has applied this event and nothing after it yet: this is the incident as of the entry.
        if (board.Find(entry.IncidentId) is not { } incident)
        {
            return; // an incident the board never saw declared: nobody may see it
        }

        var started = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _routedUpTo = entry.Position;
            if (_connections.Count == 0)
            {
                return;
            }

            Match(LiveGroups.Incident(entry.IncidentId), incident);
            foreach (var region in incident.Regions)
            {
                Match(LiveGroups.Region(region), incident);
            }

            foreach (var agency in InvolvedAgencies(incident))
            {
                Match(LiveGroups.Agency(agency), incident);
            }

            Deliver(LiveMessage.Timeline(entry));

            if (incident.Visibility == Visibility.Normal)
            {
                Match(LiveGroups.PublicBoard, incident);
            }
            else
            {
                foreach (var agency in InvolvedAgencies(incident))
                {
                    Match(LiveGroups.AgencyBoard(agency), incident);
                }
            }

            Deliver(LiveMessage.Board(incident));

            foreach (var connection in _overflowed)
            {
                Unroute(connection);
            }

            _overflowed.Clear();
        }

        LiveTimelineTelemetry.FanOutDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static IEnumerable<string> InvolvedAgencies(IncidentSummary incident) =>
        incident.ParticipatingAgencies.Prepend(incident.LeadAgency).Distinct(StringComparer.Ordinal);

    private void Match(string group, IncidentSummary incident)
    {
        if (!_groups.TryGetValue(group, out var members))
        {
            return;
        }

        foreach (var join in members)
        {
            if (join.Connection is not { } connection || !join.Viewer.CanSee(incident))
            {
                continue;
            }

            if (!_matched.TryGetValue(connection, out var joins))
            {
                _matched[connection] = joins = _spareLists.TryPop(out var spare) ? spare : [];
            }

            if (!joins.Contains(join))
            {
                joins.Add(join);
            }
        }
    }

    private void Deliver(LiveMessage message)
    {
        if (_matched.Count > 0)
        {
            LiveTimelineTelemetry.Queued.Add(_matched.Count, new KeyValuePair<string, object?>("method", message.Method));
        }

        foreach (var (connection, joins) in _matched)
        {
            if (!connection.TryQueue(new LiveDelivery(message, [.. joins])) && !_overflowed.Contains(connection))
            {
                _overflowed.Add(connection);
            }

            joins.Clear();
            _spareLists.Push(joins);
        }

        _matched.Clear();
    }

    private void Unroute(LiveConnection connection)
    {
        foreach (var join in connection.Joins.Values)
        {
            Unroute(join);
        }

        connection.Joins.Clear();
    }

    private void Unroute(LiveJoin join)
    {
        join.End();
        foreach (var group in join.Groups)
        {
            if (_groups.TryGetValue(group, out var members) && members.Remove(join) && members.Count == 0)
            {
                _groups.Remove(group);
            }
        }
    }
}
