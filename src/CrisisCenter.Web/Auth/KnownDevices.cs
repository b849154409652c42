using CrisisCenter.Application.Accounts;
using CrisisCenter.Grains.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// Remembers, in a cookie signed and encrypted by Data Protection, which accounts signed in successfully from this
/// browser or API client. Such a known device is throttled only for its own wrong passwords, never by what an attacker
/// does to the account from elsewhere (or from behind the same address), so a password-guessing campaign cannot keep
/// the duty officer out. Anyone else is throttled per (account, client address).
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, IOptions<SignInThrottlingOptions> options, IHostEnvironment environment)
{
    public const string CookieName = "crisiscenter.device";
    /// <summary>Accounts one device remembers (a shared duty-room PC signs in several officers).</summary>
    public const int AccountsPerDevice = 20;
    private const char Separator = '\n';

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("CrisisCenter.KnownDevice.v1").ToTimeLimitedDataProtector();

    /// <summary>What the throttle counts this attempt against: the known device, or the client address.</summary>
    public SignInSource SourceOf(HttpContext http, string userName)
    {
        var device = Read(http);
        if (device is not null && device.Value.Accounts.Contains(SignInThrottleGrain.KeyOf(userName)))
            return new SignInSource("device:" + device.Value.Id, KnownDevice: true);
        return new SignInSource("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), KnownDevice: false);
    }

    /// <summary>After a successful sign-in: this device is now known for <paramref name="userName"/> (a new lifetime).</summary>
    public void Remember(HttpContext http, string userName)
    {
        var device = Read(http);
        var id = device?.Id ?? Guid.NewGuid().ToString("N");
        var accounts = (device?.Accounts ?? []).Where(a => a != SignInThrottleGrain.KeyOf(userName))
            .Prepend(SignInThrottleGrain.KeyOf(userName)).Take(AccountsPerDevice);
        var lifetime = options.Value.KnownDeviceLifetime;
        http.Response.Cookies.Append(CookieName, _protector.Protect(string.Join(Separator, accounts.Prepend(id)), lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = !environment.IsDevelopment() || http.Request.IsHttps,
            Path = "/api/auth",
            MaxAge = lifetime,
            IsEssential = true,
        });
    }

    private (string Id, IReadOnlyList<string> Accounts)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie)) return null;
        try
        {
            var parts = _protector.Unprotect(cookie).Split(Separator);
            return parts.Length < 2 ? null : (parts[0], parts[1..]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // forged, expired or from a revoked key: simply not a known device
        }
    }
}
