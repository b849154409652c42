using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CrisisCenter.Web.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Hardening;

/// <summary>Limits from configuration section "RateLimits". Defaults fit a press office in a crisis: bursts of work,
/// but not a script hammering sign-in or firing thousands of commands.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts (cookie or token) per client address per minute.</summary>
    [Range(1, 100_000)] public int SignInsPerMinute { get; set; } = 60;

    /// <summary>State-changing API requests per signed-in user per minute (a token bucket: this many at once, refilled evenly).</summary>
    [Range(1, 1_000_000)] public int CommandsPerMinute { get; set; } = 600;
}

/// <summary>
/// ASP.NET Core rate limiting: a fixed window per client address on sign-in (wrong passwords are further slowed
/// per account and client address by the sign-in throttle, see PasswordSignIn), and a token bucket per user on every state-changing /api request.
/// A refused request is answered 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddCrisisCenterRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsCommand(http) && http.User.FindFirstValue(CrisisCenterClaims.UserId) is { } userId
                    ? RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.CommandsPerMinute,
                        TokensPerPeriod = Math.Max(1, limits.CommandsPerMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static bool IsCommand(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
        && !HttpMethods.IsOptions(http.Request.Method);
}
