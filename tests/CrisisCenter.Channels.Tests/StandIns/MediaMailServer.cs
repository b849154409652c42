using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrisisCenter.Channels.Tests.StandIns;

/// <summary>
/// A newsroom's mail server on a free loopback port (the SmtpServer library: EHLO, MAIL, RCPT, DATA, QUIT as in
/// RFC 5321). It keeps every accepted message with its envelope recipients, refuses the addresses in
/// <see cref="UnknownMailboxes"/> at RCPT (550), and takes faults queued with <see cref="Fail"/>, one per message.
/// </summary>
public sealed class MediaMailServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly ConcurrentQueue<Received> received = new();
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;

    private MediaMailServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("mail.newsroom.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public HashSet<string> UnknownMailboxes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages the server accepted (answered 250 to), in order.</summary>
    public IReadOnlyList<Received> Messages => [.. received];

    /// <summary>DATA transactions that reached the server, whatever it answered.</summary>
    public int Transactions { get; private set; }

    public static Task<MediaMailServer> StartAsync() => Task.FromResult(new MediaMailServer(FreePort()));

    public void Fail(Fault fault) => faults.Enqueue(fault);

    public async Task<Received> WaitForMessageAsync(Func<Received, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No matching message within {within}; {Messages.Count} received.");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped (or left to the process): the port is free either way for the next test's server.
        }
        stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record Received(MimeMessage Message, IReadOnlyList<string> EnvelopeRecipients, string EnvelopeFrom)
    {
        public string? Language => Message.Body?.Headers[HeaderId.ContentLanguage];
        public string Text => Message.TextBody ?? "";
        public string Html => Message.HtmlBody ?? "";
    }

    public abstract record Fault
    {
        /// <summary>Answers the message with this SMTP reply (e.g. 451 busy, 554 refused) and keeps nothing.</summary>
        public sealed record Reply(SmtpReplyCode Code, string Text) : Fault;

        /// <summary>Accepts the message, then holds the reply until the client gives up: the release went out,
        /// the sender never heard.</summary>
        public sealed record AcceptSilently(TimeSpan Hold) : Fault;
    }

    private sealed class Store(MediaMailServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Transactions++;
            owner.faults.TryDequeue(out var fault);
            if (fault is Fault.Reply reply) return new SmtpResponse(reply.Code, reply.Text);

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.received.Enqueue(new Received(message,
                [.. transaction.To.Select(to => to.AsAddress())], transaction.From.AsAddress()));
            if (fault is Fault.AcceptSilently silent) await Task.Delay(silent.Hold, cancellationToken);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(MediaMailServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.UnknownMailboxes.Contains(to.AsAddress()));
    }
}
