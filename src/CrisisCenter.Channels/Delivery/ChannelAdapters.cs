namespace CrisisCenter.Channels.Delivery;

/// <summary>The adapter for each kind of channel.</summary>
public sealed class ChannelAdapters(IReadOnlyDictionary<ChannelKind, IChannelAdapter> byKind)
{
    public IChannelAdapter? For(ChannelKind kind) => byKind.GetValueOrDefault(kind);
}
