using System.Net;
using System.Net.Sockets;

namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>
/// HTTP clients that reach the app from a chosen loopback address (127.0.0.2, 127.0.0.3, …: on Linux the whole
/// 127/8 is this machine), so a test can play an attacker and a user at different client addresses. Each client keeps
/// the cookies it is given (the known-device cookie among them), as a browser would.
/// </summary>
public static class ClientAddress
{
    /// <param name="app">The base address, or null for a client that names each node in absolute URLs (cookies are
    /// kept per host, not per port, so one client is one device for every node).</param>
    public static HttpClient From(Uri? app, string localAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = app, Timeout = TimeSpan.FromSeconds(30) };
    }
}
