namespace CrisisCenter.Channels.Administration;

/// <summary>
/// Facts of the admin-managed channel directory, stored in the <c>channels</c> stream. Secrets are never in them in
/// plain text: only their ASP.NET Core Data Protection ciphertext (<see cref="ChannelSecrets"/>), which a node can
/// read only with the shared key ring. Type names are stable store names (<see cref="ChannelEventTypes"/>).
/// </summary>
public abstract record ChannelEvent(string Code, string By, DateTimeOffset At);

/// <summary>A channel was created or replaced: every setting as it now stands (so the latest one alone describes the
/// channel), secrets as ciphertext or null when not set.</summary>
public sealed record ChannelConfigured(
    string Code,
    ChannelKind Kind,
    bool Enabled,
    Uri? Url,
    Uri? ApiBaseUrl,
    IReadOnlyDictionary<string, string> Chats,
    string? SmtpHost,
    int SmtpPort,
    string SmtpSecurity,
    string? SmtpUser,
    string? From,
    IReadOnlyDictionary<string, string[]> Recipients,
    string? ProtectedSecret,
    string? ProtectedBotToken,
    string? ProtectedSmtpPassword,
    string By,
    DateTimeOffset At,
    IReadOnlyList<string>? Events = null) : ChannelEvent(Code, By, At);

public sealed record ChannelEnabled(string Code, string By, DateTimeOffset At) : ChannelEvent(Code, By, At);

public sealed record ChannelDisabled(string Code, string By, DateTimeOffset At) : ChannelEvent(Code, By, At);

/// <summary>The channel is gone from the directory; a post to it is Abandoned as "not configured" (unless the
/// configuration names the code, which then applies again).</summary>
public sealed record ChannelRemoved(string Code, string By, DateTimeOffset At) : ChannelEvent(Code, By, At);

public static class ChannelEventTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = new Dictionary<string, Type>
    {
        ["channel.configured.v1"] = typeof(ChannelConfigured),
        ["channel.enabled.v1"] = typeof(ChannelEnabled),
        ["channel.disabled.v1"] = typeof(ChannelDisabled),
        ["channel.removed.v1"] = typeof(ChannelRemoved),
    };

    public static string NameOf(Type type) => ByName.First(p => p.Value == type).Key;
}
