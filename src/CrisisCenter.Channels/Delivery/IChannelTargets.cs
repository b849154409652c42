using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Delivery;

/// <summary>The configured channels by code.</summary>
public interface IChannelTargets
{
    ChannelTarget? Find(string channelCode);
}

/// <summary>Channels from configuration (<see cref="ChannelsOptions.Targets"/>), re-read when it changes.</summary>
public sealed class ConfiguredChannelTargets(IOptionsMonitor<ChannelsOptions> options) : IChannelTargets
{
    public ChannelTarget? Find(string channelCode) => options.CurrentValue.Targets.GetValueOrDefault(channelCode);
}
