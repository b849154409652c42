using CrisisCenter.Channels.Delivery;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Administration;

/// <summary>
/// The channels delivery uses: those admins manage through the API (<see cref="ChannelDirectory"/>), then those of
/// the configuration (<see cref="ChannelsOptions.Targets"/>). A code in both is the directory's: its change is the
/// later, recorded decision. Both sides are read at each call, so changes apply without a restart.
/// </summary>
public sealed class ChannelTargets(ChannelDirectory directory, IOptionsMonitor<ChannelsOptions> options) : IChannelTargets
{
    public ChannelTarget? Find(string channelCode) =>
        directory.FindTarget(channelCode) ?? options.CurrentValue.Targets.GetValueOrDefault(channelCode);

    /// <summary>Every channel delivery may use, by code: the directory's, then the configuration's codes it lacks.</summary>
    public IEnumerable<KeyValuePair<string, ChannelTarget>> All()
    {
        var managed = directory.Targets();
        return managed.Concat(options.CurrentValue.Targets.Where(p => !managed.ContainsKey(p.Key)));
    }

    /// <summary>The codes and targets of the configuration (read-only through the API).</summary>
    public IReadOnlyDictionary<string, ChannelTarget> Configured => options.CurrentValue.Targets;
}
