using Orleans.Core.Internal;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>Deactivates a grain from outside through Orleans' own management extension, so production grains
/// carry no test hooks.</summary>
public static class Activations
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Returns once the grain's current activation is gone from the directory: the next call to the
    /// grain builds a fresh activation (which replays its stream).</summary>
    public static async Task DeactivateAsync(this IClusterClient client, IAddressable grain)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        if (await management.GetActivationAddress(grain) is null)
            throw new InvalidOperationException($"{grain} has no activation to deactivate; call it first.");

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // Nothing else calls the grain meanwhile, so once the directory forgets it, it is gone.
        var deadline = DateTime.UtcNow + Patience;
        while (await management.GetActivationAddress(grain) is not null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{grain} was still activated {Patience} after asking it to deactivate.");
            await Task.Delay(50);
        }
    }
}
