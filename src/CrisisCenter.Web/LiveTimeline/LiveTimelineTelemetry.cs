using System.Diagnostics.Metrics;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>Metrics of the live timeline (meter <c>CrisisCenter.LiveTimeline</c>): how much it fans out, how long that
/// holds the projection loop, and how often a client had to be cut off.</summary>
public static class LiveTimelineTelemetry
{
    public const string Name = "CrisisCenter.LiveTimeline";
    public static readonly Meter Meter = new(Name);
    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("crisiscenter.live.connections", description: "Open live timeline connections");
    public static readonly Counter<long> Queued = Meter.CreateCounter<long>("crisiscenter.live.messages.queued", description: "Live messages queued to connections");
    public static readonly Histogram<double> FanOutDuration = Meter.CreateHistogram<double>("crisiscenter.live.fanout.duration", "ms", "Time to route one timeline entry to every connection that follows it");
    public static readonly Counter<long> Disconnects = Meter.CreateCounter<long>("crisiscenter.live.disconnects", description: "Connections closed by the server because they fell behind or a send failed");
}
