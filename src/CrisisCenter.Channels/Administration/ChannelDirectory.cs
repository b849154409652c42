using System.Collections.Immutable;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Streams;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Channels.Administration;

/// <summary>
/// The channels admins manage through the API: every change is an event in the <c>channels</c> stream; this class
/// folds them into an immutable snapshot that delivery reads without waiting (<see cref="FindTarget"/>), and catches
/// up with the stream before answering the API, so a change made on another node is seen here.
/// <see cref="ChannelDirectoryFollower"/> keeps the snapshot live between API calls.
/// </summary>
public sealed partial class ChannelDirectory(IEventStore store, ChannelSecrets secrets, TimeProvider clock, ILogger<ChannelDirectory> logger)
{
    public const string Stream = "channels";
    private const int Attempts = 4;
    private static readonly TimeSpan FirstLoadTimeout = TimeSpan.FromSeconds(30);

    private readonly StreamFold<ChannelEvent> _facts = new(store, Stream, ChannelEventTypes.ByName);
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private volatile bool _loaded;

    /// <summary>True once the stream has been read at least once.</summary>
    public bool IsLoaded => _loaded;

    public async Task<IReadOnlyList<ManagedChannel>> ListAsync(CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        return [.. _snapshot.Channels.Values.Select(c => c.View).OrderBy(c => c.Code, StringComparer.Ordinal)];
    }

    public async Task<ManagedChannel?> FindAsync(string code, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        return _snapshot.Channels.GetValueOrDefault(code)?.View;
    }

    /// <summary>
    /// The channel as delivery uses it, secrets decrypted; null when the directory has no such channel. Reads the
    /// stream once, the first time, if the follower has not yet (a post due right after a restart must not be
    /// abandoned for a channel the directory simply had not read).
    /// </summary>
    public ChannelTarget? FindTarget(string code)
    {
        EnsureLoaded();
        return _snapshot.Channels.GetValueOrDefault(code)?.Target;
    }

    /// <summary>Every channel of the directory as delivery uses it (as <see cref="FindTarget"/>), by code.</summary>
    public IReadOnlyDictionary<string, ChannelTarget> Targets()
    {
        EnsureLoaded();
        return _snapshot.Channels.ToImmutableDictionary(p => p.Key, p => p.Value.Target, StringComparer.OrdinalIgnoreCase);
    }

    private void EnsureLoaded()
    {
        if (_loaded) return;
        // Off the caller's context (an Orleans grain's scheduler must not be blocked on its own continuation).
        var load = Task.Run(() => CatchUpAsync(CancellationToken.None));
        if (!load.Wait(FirstLoadTimeout))
            throw new TimeoutException("The channel directory could not be read from the store in time.");
    }

    /// <summary>Creates or replaces the channel. <paramref name="expectedRevision"/> (If-Match) must be its current
    /// revision when given. Secrets follow <paramref name="changes"/>; a webhook needs a secret and a Telegram channel
    /// a bot token, given now or stored before (400 otherwise, with nothing appended).</summary>
    public async Task<ManagedChannel> ConfigureAsync(string code, ChannelSettings settings, SecretChanges changes, long? expectedRevision, string by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await CatchUpAsync(ct);
            var current = _snapshot.Channels.GetValueOrDefault(code);
            // -1 stands for "no such channel yet" (create only).
            if (expectedRevision is { } expected && expected != (current?.View.Revision ?? -1))
                throw new ChannelRevisionConflictException(code, current?.View.Revision ?? -1);

            var secret = Next(code, ChannelSecrets.WebhookSecret, changes.Secret, current?.ProtectedSecret);
            var botToken = Next(code, ChannelSecrets.BotToken, changes.BotToken, current?.ProtectedBotToken);
            var smtpPassword = Next(code, ChannelSecrets.SmtpPassword, changes.SmtpPassword, current?.ProtectedSmtpPassword);
            var problems = new FieldProblems()
                .When(settings.Kind == ChannelKind.Webhook && secret is null, "secret", "Required for a webhook (no secret is stored for this channel).")
                .When(settings.Kind == ChannelKind.Telegram && botToken is null, "botToken", "Required for a Telegram channel (no bot token is stored for this channel).")
                .ToDictionary();
            if (problems.Count > 0) throw new RequestValidationException(problems);

            var configured = new ChannelConfigured(
                code, settings.Kind, settings.Enabled, settings.Url, settings.ApiBaseUrl,
                settings.Chats ?? ImmutableDictionary<string, string>.Empty,
                settings.SmtpHost, settings.SmtpPort, settings.SmtpSecurity, settings.SmtpUser, settings.From,
                settings.Recipients ?? ImmutableDictionary<string, string[]>.Empty,
                secret, botToken, smtpPassword, by, clock.GetUtcNow(), settings.Events);
            try
            {
                await _facts.AppendAsync(configured, by, Apply, ct);
                LogConfigured(logger, code, settings.Kind, settings.Enabled, by, changes.ToString());
                return _snapshot.Channels[code].View;
            }
            catch (WrongExpectedRevisionException) when (attempt < Attempts)
            {
                // Another node changed the directory meanwhile: catch up and decide again.
            }
        }
    }

    /// <summary>Switches the channel on or off; null when there is no such channel. Switching to the state it is in
    /// appends nothing.</summary>
    public async Task<ManagedChannel?> SetEnabledAsync(string code, bool enabled, long? expectedRevision, string by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (_snapshot.Channels.GetValueOrDefault(code) is not { } current) return null;
            if (expectedRevision is { } expected && expected != current.View.Revision)
                throw new ChannelRevisionConflictException(code, current.View.Revision);
            if (current.View.Settings.Enabled == enabled) return current.View;
            try
            {
                ChannelEvent change = enabled ? new ChannelEnabled(code, by, clock.GetUtcNow()) : new ChannelDisabled(code, by, clock.GetUtcNow());
                await _facts.AppendAsync(change, by, Apply, ct);
                LogSwitched(logger, code, enabled ? "on" : "off", by);
                return _snapshot.Channels[code].View;
            }
            catch (WrongExpectedRevisionException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>False when there is no such channel.</summary>
    public async Task<bool> RemoveAsync(string code, long? expectedRevision, string by, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (_snapshot.Channels.GetValueOrDefault(code) is not { } current) return false;
            if (expectedRevision is { } expected && expected != current.View.Revision)
                throw new ChannelRevisionConflictException(code, current.View.Revision);
            try
            {
                await _facts.AppendAsync(new ChannelRemoved(code, by, clock.GetUtcNow()), by, Apply, ct);
                LogRemoved(logger, code, by);
                return true;
            }
            catch (WrongExpectedRevisionException) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>Applies the facts stored since the last one seen (by this node or another).</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await _facts.CatchUpAsync(Apply, ct);
        _loaded = true;
    }

    private string? Next(string code, string field, string? change, string? stored) => change switch
    {
        null => stored,
        "" => null,
        _ => secrets.Protect(code, field, change),
    };

    // Called by the fold one event at a time (under its gate), so building the next snapshot here is safe.
    private void Apply(ChannelEvent e, long revision)
    {
        var channels = _snapshot.Channels;
        switch (e)
        {
            case ChannelConfigured c:
                var settings = new ChannelSettings(c.Kind, c.Enabled, c.Url, c.ApiBaseUrl, c.Chats, c.SmtpHost, c.SmtpPort, c.SmtpSecurity, c.SmtpUser, c.From, c.Recipients, c.Events);
                channels = channels.SetItem(c.Code, NewEntry(c.Code, settings, c.ProtectedSecret, c.ProtectedBotToken, c.ProtectedSmtpPassword, revision, c.By, c.At));
                break;
            case ChannelEnabled or ChannelDisabled when channels.GetValueOrDefault(e.Code) is { } existing:
                var switched = existing.View.Settings with { Enabled = e is ChannelEnabled };
                channels = channels.SetItem(e.Code, NewEntry(e.Code, switched, existing.ProtectedSecret, existing.ProtectedBotToken, existing.ProtectedSmtpPassword, revision, e.By, e.At));
                break;
            case ChannelRemoved:
                channels = channels.Remove(e.Code);
                break;
        }
        _snapshot = new Snapshot(channels);
    }

    private Entry NewEntry(string code, ChannelSettings settings, string? secret, string? botToken, string? smtpPassword, long revision, string by, DateTimeOffset at)
    {
        var view = new ManagedChannel(code, settings, secret is not null, botToken is not null, smtpPassword is not null, revision, by, at);
        var target = new ChannelTarget
        {
            Kind = settings.Kind,
            Enabled = settings.Enabled,
            Url = settings.Url,
            ApiBaseUrl = settings.ApiBaseUrl,
            Chats = new Dictionary<string, string>(settings.Chats ?? ImmutableDictionary<string, string>.Empty, StringComparer.OrdinalIgnoreCase),
            SmtpHost = settings.SmtpHost,
            SmtpPort = settings.SmtpPort,
            SmtpSecurity = settings.SmtpSecurity,
            SmtpUser = settings.SmtpUser,
            From = settings.From,
            Recipients = new Dictionary<string, string[]>(settings.Recipients ?? ImmutableDictionary<string, string[]>.Empty, StringComparer.OrdinalIgnoreCase),
            Secret = Reveal(code, ChannelSecrets.WebhookSecret, secret),
            BotToken = Reveal(code, ChannelSecrets.BotToken, botToken),
            SmtpPassword = Reveal(code, ChannelSecrets.SmtpPassword, smtpPassword),
            Events = settings.Events is null ? null : [.. settings.Events],
        };
        return new Entry(view, target, secret, botToken, smtpPassword);
    }

    private string? Reveal(string code, string field, string? ciphertext)
    {
        if (ciphertext is null) return null;
        var plaintext = secrets.TryUnprotect(code, field, ciphertext);
        // Left unset: the adapter then refuses the channel ("needs a secret"), which an operator can act on.
        if (plaintext is null) LogUnreadableSecret(logger, code, field);
        return plaintext;
    }

    private sealed record Entry(ManagedChannel View, ChannelTarget Target, string? ProtectedSecret, string? ProtectedBotToken, string? ProtectedSmtpPassword);

    private sealed record Snapshot(ImmutableDictionary<string, Entry> Channels)
    {
        public static Snapshot Empty { get; } = new(ImmutableDictionary.Create<string, Entry>(StringComparer.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Code} configured as {Kind} (enabled: {Enabled}) by {By}; {Secrets}.")]
    private static partial void LogConfigured(ILogger logger, string code, ChannelKind kind, bool enabled, string by, string secrets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Code} switched {State} by {By}.")]
    private static partial void LogSwitched(ILogger logger, string code, string state, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Code} removed by {By}.")]
    private static partial void LogRemoved(ILogger logger, string code, string by);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Field} of channel {Code} cannot be decrypted here (is the data-protection key ring shared with the node that stored it?); the channel is used without it.")]
    private static partial void LogUnreadableSecret(ILogger logger, string code, string field);
}
