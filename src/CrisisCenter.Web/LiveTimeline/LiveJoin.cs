using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// One thing a connection follows (an incident, the board, a region, an agency): the broadcaster groups it listens
/// on, what it missed before it joined, and the position of the last message sent for it.
/// </summary>
internal abstract class LiveJoin(string key, Actor viewer, IReadOnlyList<string> groups, long afterPosition)
{
    private volatile bool _ended;

    /// <summary>Unique within a connection: joining the same key again replaces the earlier join.</summary>
    public string Key { get; } = key;

    /// <summary>Whose eyes the join sees with: every message is checked against what this user may see.</summary>
    public Actor Viewer { get; } = viewer;

    public IReadOnlyList<string> Groups { get; } = groups;

    /// <summary>The connection that joined; set by the broadcaster when it routes the join.</summary>
    public LiveConnection? Connection { get; set; }

    /// <summary>Position of the last entry the broadcaster had routed when it routed this join: the live messages
    /// of this join are exactly the entries after it. Set by the broadcaster.</summary>
    public long RoutedAfter { get; set; } = GlobalPosition.Start;

    /// <summary>Global position of the last message sent for this join (or the client's resume point). Read and
    /// written only by the connection's sender, one message at a time, so it needs no lock.</summary>
    public long LastSent { get; private set; } = afterPosition;

    public bool IsActive => !_ended;

    /// <summary>Left, replaced or dropped: messages still queued for it are not sent.</summary>
    public void End() => _ended = true;

    public bool Needs(long position) => !_ended && position > LastSent;

    public void Sent(long position)
    {
        if (position > LastSent)
        {
            LastSent = position;
        }
    }

    /// <summary>What happened after <see cref="LastSent"/> before this join, oldest first, read lazily from the
    /// read models when the sender gets to it. Live-only joins have none.</summary>
    public virtual IEnumerable<LiveMessage> Backlog() => [];
}
