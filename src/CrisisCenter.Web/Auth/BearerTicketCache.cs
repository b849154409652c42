using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// Remembers, for a short while, what a bearer token decrypted to. Every API request of a client carries the same
/// token, and unprotecting it (key derivation, AES, HMAC, ticket deserialisation) was a visible share of a command's
/// CPU under load (see BENCHMARKS.md). The answer is the same as decrypting again: a token is immutable, and the
/// handler still checks the ticket's expiry on every request, as the session check (security stamp, disabled
/// account) still runs on every request after it. Entries live <see cref="Lifetime"/> at most, so a key revoked in
/// the key ring stops being accepted within that time; the cache is bounded and starts over when full.
/// </summary>
internal sealed class BearerTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_tickets.TryGetValue(protectedText, out var known) && now - known.At < Lifetime)
        {
            return known.Ticket;
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            _tickets.TryRemove(protectedText, out _);
            return null; // not remembered: a forged or damaged token is checked (and refused) every time
        }

        if (_tickets.Count >= Capacity)
        {
            _tickets.Clear();
        }

        _tickets[protectedText] = new Entry(ticket, now);
        return ticket;
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset At);
}

/// <summary>Wraps the bearer scheme's token format (set up by ASP.NET Core from data protection) in a <see cref="BearerTicketCache"/>.</summary>
internal sealed class CacheBearerTickets(TimeProvider clock) : IPostConfigureOptions<BearerTokenOptions>
{
    public void PostConfigure(string? name, BearerTokenOptions options)
    {
        if (options.BearerTokenProtector is not null and not BearerTicketCache)
        {
            options.BearerTokenProtector = new BearerTicketCache(options.BearerTokenProtector, clock);
        }
    }
}
