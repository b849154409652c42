namespace CrisisCenter.Channels.Administration;

/// <summary>What an admin gives to create or replace a channel, without its secrets. Settings that do not belong to
/// <see cref="Kind"/> are left empty.</summary>
public sealed record ChannelSettings(
    ChannelKind Kind,
    bool Enabled,
    Uri? Url = null,
    Uri? ApiBaseUrl = null,
    IReadOnlyDictionary<string, string>? Chats = null,
    string? SmtpHost = null,
    int SmtpPort = 587,
    string SmtpSecurity = "StartTls",
    string? SmtpUser = null,
    string? From = null,
    IReadOnlyDictionary<string, string[]>? Recipients = null,
    IReadOnlyList<string>? Events = null);

/// <summary>Changes to a channel's secrets: null keeps what is stored, an empty string clears it, anything else
/// replaces it. Never logged (ToString names only what changes).</summary>
public sealed record SecretChanges(string? Secret = null, string? BotToken = null, string? SmtpPassword = null)
{
    public static SecretChanges None { get; } = new();

    public override string ToString() =>
        $"SecretChanges {{ Secret = {Describe(Secret)}, BotToken = {Describe(BotToken)}, SmtpPassword = {Describe(SmtpPassword)} }}";

    private static string Describe(string? value) => value is null ? "keep" : value.Length == 0 ? "clear" : "replace";
}

/// <summary>A channel as the directory keeps it: settings, whether each secret is set (ciphertext stays inside the
/// directory), and the stream revision of its last change (its entity tag).</summary>
public sealed record ManagedChannel(
    string Code,
    ChannelSettings Settings,
    bool HasSecret,
    bool HasBotToken,
    bool HasSmtpPassword,
    long Revision,
    string ChangedBy,
    DateTimeOffset ChangedAt);

/// <summary>The channel has moved on since the revision the admin saw (If-Match).</summary>
public sealed class ChannelRevisionConflictException(string code, long actualRevision)
    : Exception($"Channel '{code}' is at revision {actualRevision}; reload it and try again.")
{
    public long ActualRevision { get; } = actualRevision;
}

/// <summary>The code belongs to a channel from configuration (Channels:Targets), which the API does not change.</summary>
public sealed class ConfiguredChannelException(string code)
    : Exception($"Channel '{code}' comes from the configuration (Channels:Targets) and is changed there, not through the API.");
