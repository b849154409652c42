using CrisisCenter.Application.Projections;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Channels.Cap;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Dispatching;
using CrisisCenter.Channels.Email;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Channels.Telegram;
using CrisisCenter.Channels.IncidentUpdates;
using CrisisCenter.Channels.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// The outbox dispatcher (a hosted service on every node), the per-post grain that sends, the channel adapters,
    /// and the public feeds' read model (fed by the projection host). Binds <see cref="ChannelsOptions"/> from the
    /// "Channels" section. The host maps the public routes with <see cref="PublicFeedsEndpoints.MapPublicFeeds"/>.
    /// </summary>
    public static IServiceCollection AddCrisisCenterChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelsOptions>()
            .Bind(configuration.GetSection(ChannelsOptions.Section))
            .Validate(options => options.Dispatch.MaxAttempts >= 1 && options.Dispatch.BaseDelay > TimeSpan.Zero
                                 && options.Dispatch.MaxDelay >= options.Dispatch.BaseDelay && options.Dispatch.AttemptTimeout > TimeSpan.Zero,
                "Channels:Dispatch needs MaxAttempts >= 1, a positive BaseDelay, MaxDelay >= BaseDelay and a positive AttemptTimeout.")
            .Validate(options => options.Targets.All(target => target.Value.Kind != ChannelKind.Webhook || (target.Value.Url is { IsAbsoluteUri: true } && !string.IsNullOrEmpty(target.Value.Secret))),
                "Every webhook channel under Channels:Targets needs an absolute Url and a Secret.")
            .Validate(options => options.Targets.All(target => target.Value.Kind != ChannelKind.Email || EmailTargetIsComplete(target.Value)),
                "Every e-mail channel under Channels:Targets needs an SmtpHost, a From address, SmtpSecurity None, StartTls, SslOnConnect or Auto, and at least one media list under Recipients.")
            .Validate(options => options.Targets.Values.All(TelegramTargetValidation.IsValid), TelegramTargetValidation.Message)
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ChannelsOptions>>().Value.Cap);

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookAdapter.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(TelegramAdapter.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<PublicLinks>();
        // Admin-managed channels (events in the "channels" stream, secrets under Data Protection) before configured ones.
        services.AddDataProtection();
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<ChannelDirectory>();
        services.AddSingleton<ChannelTargets>();
        services.AddSingleton<IChannelTargets>(provider => provider.GetRequiredService<ChannelTargets>());
        services.AddSingleton<IHostedService, ChannelDirectoryFollower>();
        services.AddSingleton<WebhookAdapter>();
        services.AddSingleton<FeedAdapter>();
        services.AddSingleton<CapAdapter>();
        services.AddSingleton<EmailAdapter>();
        services.AddSingleton<TelegramAdapter>();
        services.AddSingleton(provider => new ChannelAdapters(new Dictionary<ChannelKind, IChannelAdapter>
        {
            [ChannelKind.Feed] = provider.GetRequiredService<FeedAdapter>(),
            [ChannelKind.Cap] = provider.GetRequiredService<CapAdapter>(),
            [ChannelKind.Webhook] = provider.GetRequiredService<WebhookAdapter>(),
            [ChannelKind.Email] = provider.GetRequiredService<EmailAdapter>(),
            [ChannelKind.Telegram] = provider.GetRequiredService<TelegramAdapter>(),
        }));
        services.AddSingleton<IIncidentGateway, IncidentGrainGateway>();
        services.AddSingleton<ChannelPostDelivery>();
        services.AddSingleton<IChannelPostSender, GrainChannelPostSender>();
        // The dispatcher's and the notifier's read models: fed and stored by the node's projection host (one decoded feed).
        services.AddSingleton<PendingPosts>();
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<PendingPosts>());
        services.AddSingleton<IncidentUpdateChanges>();
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<IncidentUpdateChanges>());
        services.AddSingleton<ChannelDispatcher>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<ChannelDispatcher>());
        services.AddSingleton<IncidentUpdateNotifier>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<IncidentUpdateNotifier>());

        services.AddSingleton(OfficeTimeZone.From(configuration[OfficeTimeZone.ConfigurationKey]));
        services.AddSingleton<PublicStatements>();
        services.AddSingleton<IProjection>(provider => provider.GetRequiredService<PublicStatements>());
        services.AddSingleton(provider => new FeedDocuments(
            provider.GetRequiredService<PublicLinks>(), provider.GetRequiredService<IOptions<ChannelsOptions>>().Value.PublisherName));
        services.AddSingleton(provider => new CapDocuments(
            provider.GetRequiredService<CapOptions>(), provider.GetRequiredService<PublicLinks>(), provider.GetRequiredService<IOptions<ChannelsOptions>>().Value.PublisherName));
        return services;
    }

    private static bool EmailTargetIsComplete(ChannelTarget target) =>
        !string.IsNullOrWhiteSpace(target.SmtpHost) && target.SmtpPort is > 0 and < 65536
        && MimeKit.MailboxAddress.TryParse(target.From ?? "", out _)
        && EmailAdapter.TryParseSecurity(target.SmtpSecurity, out _)
        && target.Recipients.Values.Any(list => list is { Length: > 0 });
}
