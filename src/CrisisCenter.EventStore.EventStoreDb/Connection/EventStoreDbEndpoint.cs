using System.Globalization;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>One node's gRPC address (host and port, e.g. 127.0.0.1:2113).</summary>
public sealed record EventStoreDbEndpoint(string Host, int Port)
{
    public const int DefaultPort = 2113;

    internal Uri ToUri(bool useTls)
    {
        // IPv6 literals need brackets inside a URI.
        var host = Host.Contains(':', StringComparison.Ordinal) && !Host.StartsWith('[') ? $"[{Host}]" : Host;
        return new Uri($"{(useTls ? "https" : "http")}://{host}:{Port.ToString(CultureInfo.InvariantCulture)}");
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
