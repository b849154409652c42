using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CrisisCenter.Channels.Administration;

/// <summary>
/// Protects channel secrets (webhook secret, Telegram bot token, SMTP password) at rest with ASP.NET Core Data
/// Protection. Each ciphertext is bound to its channel code and field (purpose chain), so a ciphertext copied to
/// another channel or field does not decrypt. The key ring is the host's (Program.cs persists it to
/// <c>CrisisCenter:DataProtectionKeysDirectory</c>, default <c>{DataDirectory}/keys</c>); nodes that share it, and
/// the same node after a restart, read each other's secrets.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    public const string Purpose = "CrisisCenter.Channels.Secrets.v1";

    public const string WebhookSecret = "secret";
    public const string BotToken = "botToken";
    public const string SmtpPassword = "smtpPassword";

    public string Protect(string code, string field, string plaintext) => Protector(code, field).Protect(plaintext);

    /// <summary>The plaintext, or null when the ciphertext cannot be read here (a key ring that is not shared, a
    /// ciphertext that was tampered with or belongs to another channel).</summary>
    public string? TryUnprotect(string code, string field, string ciphertext)
    {
        try
        {
            return Protector(code, field).Unprotect(ciphertext);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector Protector(string code, string field) =>
        provider.CreateProtector(Purpose, code.ToLowerInvariant(), field);
}
