using System.Net;
using System.Net.Sockets;

namespace CrisisCenter.Web.Tests.Support;

/// <summary>Loopback ports nobody listens on right now, so hosts started by parallel test runs (and other projects'
/// tests on the same machine) never fight over Orleans' default ports.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
