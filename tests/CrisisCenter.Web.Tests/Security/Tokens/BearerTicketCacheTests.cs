using System.Security.Claims;
using CrisisCenter.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace CrisisCenter.Web.Tests.Security.Tokens;

/// <summary>A bearer token is decrypted once a minute at most; what it decrypts to is the same as without the cache,
/// and a token that does not decrypt is refused every time.</summary>
public sealed class BearerTicketCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat _inner = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("bearer-test")));

    [Fact]
    public void a_token_seen_again_within_a_minute_is_not_decrypted_again()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        var token = cache.Protect(Ticket("press.mes"));

        var first = cache.Unprotect(token);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var again = cache.Unprotect(token);

        first!.Principal.FindFirstValue("sub").Should().Be("press.mes");
        again.Should().BeSameAs(first);
        _inner.Unprotects.Should().Be(1);
    }

    [Fact]
    public void after_a_minute_the_token_is_decrypted_again()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        var token = cache.Protect(Ticket("press.mes"));

        cache.Unprotect(token);
        _clock.Advance(BearerTicketCache.Lifetime);
        cache.Unprotect(token)!.Principal.FindFirstValue("sub").Should().Be("press.mes");

        _inner.Unprotects.Should().Be(2);
    }

    [Fact]
    public void a_token_that_does_not_decrypt_is_refused_every_time()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        var forged = cache.Protect(Ticket("press.mes"))[..^4] + "AAAA";

        cache.Unprotect(forged).Should().BeNull();
        cache.Unprotect(forged).Should().BeNull();

        _inner.Unprotects.Should().Be(2);
    }

    [Fact]
    public void different_tokens_get_their_own_tickets()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        var mes = cache.Protect(Ticket("press.mes"));
        var moh = cache.Protect(Ticket("press.moh"));

        cache.Unprotect(mes)!.Principal.FindFirstValue("sub").Should().Be("press.mes");
        cache.Unprotect(moh)!.Principal.FindFirstValue("sub").Should().Be("press.moh");
        cache.Unprotect(mes)!.Principal.FindFirstValue("sub").Should().Be("press.mes");
    }

    private static AuthenticationTicket Ticket(string user) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", user)], "BearerToken")),
        new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero) },
        "BearerToken");

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}
