using System.Threading.Channels;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// One client connection of the live timeline: its joins and its outbox, a bounded queue that one sender drains in
/// order. The broadcaster queues without ever waiting (it runs on the projection loop); when the outbox is full the
/// client is not keeping up, and it is disconnected rather than buffered without end: it reconnects and resumes from
/// the last position it saw, which costs the server nothing it does not already hold in its read models.
/// </summary>
internal sealed partial class LiveConnection
{
    private readonly Channel<Outbound> _outbox;
    private readonly ILiveClient _client;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();

    // Per incident, the last timeline position this connection was sent: a live entry that matches several joins
    // of the connection, or that a backlog already sent, is not sent twice. Only the sender touches it.
    private readonly Dictionary<Guid, long> _timelineSentUpTo = [];

    private Task _sending = Task.CompletedTask;
    private int _overflowed;

    public LiveConnection(string id, Actor viewer, ILiveClient client, int capacity, ILogger logger, System.Security.Claims.ClaimsPrincipal? principal = null)
    {
        Id = id;
        Viewer = viewer;
        Principal = principal;
        Capacity = capacity;
        _client = client;
        _logger = logger;
        _outbox = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping anything silently
        });
    }

    public string Id { get; }

    public Actor Viewer { get; }

    /// <summary>The session the connection was opened with (its security stamp), re-checked while it lives.</summary>
    public System.Security.Claims.ClaimsPrincipal? Principal { get; }

    /// <summary>Closes the connection (its client reconnects, and is refused if its session is no longer valid).</summary>
    public void Abort() => _client.Abort();

    public int Capacity { get; }

    /// <summary>The connection's joins by key. Guarded by the broadcaster's lock.</summary>
    public Dictionary<string, LiveJoin> Joins { get; } = new(StringComparer.Ordinal);

    /// <summary>True once the outbox overflowed: the connection is being closed and takes no more messages.</summary>
    public bool HasOverflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>Messages waiting to be sent.</summary>
    public int Pending => _outbox.Reader.Count;

    public void Start() => _sending = Task.Run(SendAllAsync);

    /// <summary>
    /// Queues without waiting. False when the outbox is full (or was before): the connection is then aborted once,
    /// and every later call is refused too, so a message is never queued after one that was lost.
    /// </summary>
    public bool TryQueue(Outbound item)
    {
        if (HasOverflowed)
        {
            return false;
        }

        if (_outbox.Writer.TryWrite(item))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _outbox.Writer.TryComplete();
            LogOverflow(Id, Viewer.UserId, Capacity);
            LiveTimelineTelemetry.Disconnects.Add(1, new KeyValuePair<string, object?>("reason", "behind"));
            _client.Abort();
        }

        return false;
    }

    /// <summary>Stops the sender (the connection is gone) and waits for it.</summary>
    public async Task StopAsync()
    {
        _outbox.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _sending;
        _stopping.Dispose();
    }

    private async Task SendAllAsync()
    {
        var cancellationToken = _stopping.Token;
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                switch (item)
                {
                    case LiveDelivery live:
                        await SendLiveAsync(live, cancellationToken);
                        break;
                    case BacklogDelivery backlog:
                        await SendBacklogAsync(backlog.Join, cancellationToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection is gone.
        }
        catch (Exception ex)
        {
            // A message that was not sent is a gap the client would never notice: close, so that it resumes.
            LogSendFailed(ex, Id);
            LiveTimelineTelemetry.Disconnects.Add(1, new KeyValuePair<string, object?>("reason", "send-failed"));
            _client.Abort();
        }
    }

    private async Task SendLiveAsync(LiveDelivery live, CancellationToken cancellationToken)
    {
        var message = live.Message;
        var needed = false;
        foreach (var join in live.Joins)
        {
            needed |= join.Needs(message.Position);
        }

        if (needed && !(message.IsTimeline && _timelineSentUpTo.GetValueOrDefault(message.IncidentId, long.MinValue) >= message.Position))
        {
            await SendAsync(message, cancellationToken);
        }

        foreach (var join in live.Joins)
        {
            join.Sent(message.Position);
        }
    }

    private async Task SendBacklogAsync(LiveJoin join, CancellationToken cancellationToken)
    {
        // History the client asked for is sent even if part of it reached it live through another join.
        foreach (var message in join.Backlog())
        {
            if (!join.IsActive)
            {
                return;
            }

            if (join.Needs(message.Position))
            {
                await SendAsync(message, cancellationToken);
                join.Sent(message.Position);
            }
        }
    }

    private async Task SendAsync(LiveMessage message, CancellationToken cancellationToken)
    {
        await _client.SendAsync(message.Method, message.Payload, cancellationToken);
        if (message.IsTimeline && message.Position > _timelineSentUpTo.GetValueOrDefault(message.IncidentId, long.MinValue))
        {
            _timelineSentUpTo[message.IncidentId] = message.Position;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live timeline connection {ConnectionId} of user {UserId} fell {Capacity} messages behind; closing it so it resumes from its last position.")]
    private partial void LogOverflow(string connectionId, string userId, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to live timeline connection {ConnectionId} failed; closing it so it resumes from its last position.")]
    private partial void LogSendFailed(Exception exception, string connectionId);
}
