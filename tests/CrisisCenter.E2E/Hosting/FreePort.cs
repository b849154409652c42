using System.Net;
using System.Net.Sockets;

namespace CrisisCenter.E2E.Hosting;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it; it could be taken again before use,
    /// which the app start then reports).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
