using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Tests.Fakes;

/// <summary>A <see cref="ChannelPostDelivery"/> over in-memory incidents and real adapters, with fast retries.</summary>
public sealed class DeliveryHarness
{
    public DeliveryHarness(Action<ChannelsOptions>? configure = null, IReadOnlyDictionary<ChannelKind, IChannelAdapter>? extraAdapters = null)
    {
        Options = new ChannelsOptions
        {
            PublicBaseUrl = new Uri("https://emergency.example.kz/"),
            Dispatch = new DispatchOptions
            {
                MaxAttempts = 4,
                BaseDelay = TimeSpan.FromMilliseconds(40),
                MaxDelay = TimeSpan.FromMilliseconds(200),
                // Generous: on a loaded 2-core machine a healthy local send can take seconds. Tests about timeouts set their own.
                AttemptTimeout = TimeSpan.FromSeconds(15),
                MaxInProcessWait = TimeSpan.FromSeconds(3),
            },
        };
        configure?.Invoke(Options);
        var monitor = new FixedOptions(Options);
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var adapters = new Dictionary<ChannelKind, IChannelAdapter> { [ChannelKind.Webhook] = new WebhookAdapter(http, TimeProvider.System) };
        foreach (var (kind, adapter) in extraAdapters ?? new Dictionary<ChannelKind, IChannelAdapter>()) adapters[kind] = adapter;
        Delivery = new ChannelPostDelivery(Incidents, new ConfiguredChannelTargets(monitor), new ChannelAdapters(adapters),
            new PublicLinks(Microsoft.Extensions.Options.Options.Create(Options)), monitor, TimeProvider.System, NullLogger<ChannelPostDelivery>.Instance);
    }

    public ChannelsOptions Options { get; }
    public InMemoryIncidents Incidents { get; } = new();
    public ChannelPostDelivery Delivery { get; }

    public Task<DeliveryRun> DeliverAsync(Published published, Guid postId) =>
        Delivery.DeliverAsync(published.IncidentId, postId).WaitAsync(TimeSpan.FromSeconds(20));

    private sealed class FixedOptions(ChannelsOptions value) : IOptionsMonitor<ChannelsOptions>
    {
        public ChannelsOptions CurrentValue => value;
        public ChannelsOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<ChannelsOptions, string?> listener) => null;
    }
}
