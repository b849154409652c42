using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Channels;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Domain;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MimeKit;

namespace CrisisCenter.Web.Api;

/// <summary>
/// Channel configuration, for admins only: the channels statements are published to, with their targets, languages,
/// secrets and on/off state, recorded as events (<see cref="ChannelDirectory"/>). Secrets are write-only: answers say
/// whether each is set, never what it is. Channels from the configuration (Channels:Targets) are listed read-only.
/// </summary>
public static partial class ChannelsApi
{
    public const string ConfiguredCode = "channel.configured";
    private const int MaxSecretLength = 1_000;
    private const int MinWebhookSecretLength = 16;
    private const int MaxAddressesPerLanguage = 500;
    private static readonly string[] SmtpSecurities = ["None", "StartTls", "SslOnConnect", "Auto"];

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex CodePattern();

    /// <summary>A channel as admins see it. <c>source</c> is "api" (managed here) or "configuration" (read-only).</summary>
    public sealed record ChannelView(
        string Code,
        string Source,
        bool Editable,
        ChannelKind Kind,
        bool Enabled,
        string? Url,
        bool SecretSet,
        string? ApiBaseUrl,
        bool BotTokenSet,
        IReadOnlyDictionary<string, string> Chats,
        string? SmtpHost,
        int? SmtpPort,
        string? SmtpSecurity,
        string? SmtpUser,
        bool SmtpPasswordSet,
        string? From,
        IReadOnlyDictionary<string, string[]> Recipients,
        long? Revision,
        string? ChangedBy,
        DateTimeOffset? ChangedAt,
        bool OverridesConfiguration,
        IReadOnlyList<string>? Events);

    /// <summary>
    /// A channel's settings. Which fields matter depends on <c>kind</c>: Webhook (url, secret), Telegram (botToken,
    /// chats per language, apiBaseUrl), Email (smtpHost, smtpPort, smtpSecurity, smtpUser, smtpPassword, from,
    /// recipients per language); Feed and Cap need none. Secrets (secret, botToken, smtpPassword): omitted or null
    /// keeps the stored one, "" clears it, any other value replaces it.
    /// </summary>
    public sealed record ChannelBody(
        ChannelKind? Kind,
        bool? Enabled,
        string? Url,
        string? Secret,
        string? BotToken,
        string? ApiBaseUrl,
        Dictionary<string, string>? Chats,
        string? SmtpHost,
        int? SmtpPort,
        string? SmtpSecurity,
        string? SmtpUser,
        string? SmtpPassword,
        string? From,
        Dictionary<string, string[]>? Recipients,
        List<string>? Events = null) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate()
        {
            var problems = new FieldProblems();
            if (Kind is not { } kind || !Enum.IsDefined(kind))
                return problems.Add("kind", "One of Feed, Cap, Webhook, Telegram, Email.").ToDictionary();
            problems.Optional("secret", Secret, MaxSecretLength)
                .Optional("botToken", BotToken, MaxSecretLength)
                .Optional("smtpPassword", SmtpPassword, MaxSecretLength);
            switch (kind)
            {
                case ChannelKind.Webhook:
                    if (!TryParseUrl(Url, out var url)) problems.Add("url", "An absolute URL.");
                    else if (!IsHttpsOrLoopback(url)) problems.Add("url", "HTTPS (plain HTTP only to a loopback address).");
                    problems.When(Secret is { Length: > 0 and < MinWebhookSecretLength }, "secret", $"At least {MinWebhookSecretLength} characters.");
                    problems.When(Events is { } events && (events.Count == 0 || events.Any(e => !WebhookEventTypes.Contains(e, StringComparer.Ordinal))),
                        "events", "Leave out for every event type, or list some of: " + string.Join(", ", WebhookEventTypes) + ".");
                    break;
                case ChannelKind.Telegram:
                    problems.When(BotToken is { Length: > 0 } token && token.Any(char.IsWhiteSpace), "botToken", "A bot token has no spaces.");
                    if (!string.IsNullOrWhiteSpace(ApiBaseUrl) && !(TryParseUrl(ApiBaseUrl, out var api) && api.Scheme is "https" or "http"))
                        problems.Add("apiBaseUrl", "An absolute http(s) URL of a Bot API server, or nothing for Telegram's own.");
                    ValidatePerLanguage(problems, "chats", Chats, (field, chat) => problems.Required(field, chat, 200));
                    break;
                case ChannelKind.Email:
                    problems.Required("smtpHost", SmtpHost, 255)
                        .When(SmtpPort is < 1 or > 65_535, "smtpPort", "A port from 1 to 65535.")
                        .When(SmtpSecurity is not null && !SmtpSecurities.Contains(SmtpSecurity, StringComparer.OrdinalIgnoreCase), "smtpSecurity", "One of " + string.Join(", ", SmtpSecurities) + ".")
                        .Optional("smtpUser", SmtpUser, 255)
                        .Required("from", From, 320);
                    if (!string.IsNullOrWhiteSpace(From) && !IsMailbox(From)) problems.Add("from", "An e-mail address, e.g. \"Press service <press@example.kz>\".");
                    ValidatePerLanguage(problems, "recipients", Recipients, (field, addresses) =>
                    {
                        if (addresses is null || addresses.Length == 0) problems.Add(field, "At least one address.");
                        else if (addresses.Length > MaxAddressesPerLanguage) problems.Add(field, $"At most {MaxAddressesPerLanguage} addresses.");
                        else if (addresses.FirstOrDefault(a => string.IsNullOrWhiteSpace(a) || a.Length > 320 || !IsMailbox(a)) is { } bad)
                            problems.Add(field, $"Not an e-mail address: '{Truncate(bad)}'.");
                    });
                    break;
            }
            return problems.ToDictionary();
        }

        public ChannelSettings ToSettings()
        {
            var kind = Kind!.Value;
            var enabled = Enabled ?? true;
            return kind switch
            {
                ChannelKind.Webhook => new ChannelSettings(kind, enabled, Url: new Uri(Url!.Trim()), Events: Events?.Distinct(StringComparer.Ordinal).ToList()),
                ChannelKind.Telegram => new ChannelSettings(kind, enabled,
                    ApiBaseUrl: string.IsNullOrWhiteSpace(ApiBaseUrl) ? null : new Uri(ApiBaseUrl.Trim()),
                    Chats: Chats!.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value.Trim())),
                ChannelKind.Email => new ChannelSettings(kind, enabled,
                    SmtpHost: SmtpHost!.Trim(), SmtpPort: SmtpPort ?? 587,
                    SmtpSecurity: SmtpSecurities.First(s => string.Equals(s, SmtpSecurity ?? "StartTls", StringComparison.OrdinalIgnoreCase)),
                    SmtpUser: string.IsNullOrWhiteSpace(SmtpUser) ? null : SmtpUser.Trim(), From: From!.Trim(),
                    Recipients: Recipients!.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value.Select(a => a.Trim()).ToArray())),
                _ => new ChannelSettings(kind, enabled),
            };
        }

        // A Webhook keeps only its secret, a Telegram channel its token, an e-mail channel its password: what the
        // new kind does not use is cleared rather than kept around unseen.
        public SecretChanges ToSecretChanges() => Kind switch
        {
            ChannelKind.Webhook => new SecretChanges(Secret, "", ""),
            ChannelKind.Telegram => new SecretChanges("", BotToken, ""),
            ChannelKind.Email => new SecretChanges("", "", SmtpPassword),
            _ => new SecretChanges("", "", ""),
        };

        public override string ToString() => $"ChannelBody {{ Kind = {Kind}, Enabled = {Enabled}, secrets not shown }}";
    }

    /// <summary>What a webhook partner may subscribe to (<c>events</c>); statement events also go only where publishers send them.</summary>
    public static readonly string[] WebhookEventTypes =
    [
        Channels.Webhooks.WebhookPayload.Published, Channels.Webhooks.WebhookPayload.Corrected, Channels.Webhooks.WebhookPayload.Retracted,
        Channels.IncidentUpdates.IncidentUpdatePayload.EventType,
    ];

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        // Beside /channels rather than under it: any name there could be a channel's code.
        api.MapGet("/webhook-event-types", () => TypedResults.Ok(WebhookEventTypes))
            .WithTags("Channels").RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("The event types a webhook channel's events list may name (admins only), as the dashboard offers them.");

        var channels = api.MapGroup("/channels").WithTags("Channels").RequireAuthorization(AccessPolicies.Admin);

        channels.MapGet("/", async (ChannelDirectory directory, ChannelTargets targets, HttpContext http) =>
        {
            var managed = await directory.ListAsync(http.RequestAborted);
            var configured = targets.Configured;
            var views = managed.Select(c => ToView(c, configured.ContainsKey(c.Code)))
                .Concat(configured.Where(p => !managed.Any(c => string.Equals(c.Code, p.Key, StringComparison.OrdinalIgnoreCase))).Select(p => ToView(p.Key, p.Value)))
                .OrderBy(v => v.Code, StringComparer.Ordinal)
                .ToList();
            return TypedResults.Ok(views);
        }).WithSummary("Every channel (admins only): managed ones (source \"api\") and those of the configuration (read-only). Secrets are never shown, only whether each is set.");

        channels.MapGet("/{code}", async Task<Results<Ok<ChannelView>, ProblemHttpResult>> (string code, ChannelDirectory directory, ChannelTargets targets, HttpContext http) =>
        {
            var normalized = code.ToLowerInvariant();
            if (await directory.FindAsync(normalized, http.RequestAborted) is { } channel)
            {
                http.Response.Headers.ETag = CommandResults.ETag(channel.Revision);
                return TypedResults.Ok(ToView(channel, targets.Configured.ContainsKey(normalized)));
            }
            return targets.Configured.TryGetValue(normalized, out var target) ? TypedResults.Ok(ToView(normalized, target)) : NotFound(normalized);
        }).WithSummary("One channel (admins only). ETag = the channel's revision, for If-Match on changes.");

        channels.MapPut("/{code}", async Task<Results<Created<ChannelView>, Ok<ChannelView>, ProblemHttpResult>> (string code, ChannelBody body, ChannelDirectory directory, ChannelTargets targets, ClaimsPrincipal user, HttpContext http) =>
        {
            var normalized = code.ToLowerInvariant();
            var expected = IfMatch(http);
            if (!CodePattern().IsMatch(normalized))
                throw new RequestValidationException(new Dictionary<string, string[]> { ["code"] = ["1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit."] });
            var existing = await directory.FindAsync(normalized, http.RequestAborted);
            if (existing is null && targets.Configured.ContainsKey(normalized)) return Configured(normalized);
            try
            {
                var channel = await directory.ConfigureAsync(normalized, body.ToSettings(), body.ToSecretChanges(), expected, user.ToActor().UserId, http.RequestAborted);
                http.Response.Headers.ETag = CommandResults.ETag(channel.Revision);
                var view = ToView(channel, targets.Configured.ContainsKey(normalized));
                return existing is null ? TypedResults.Created($"/api/channels/{normalized}", view) : TypedResults.Ok(view);
            }
            catch (ChannelRevisionConflictException conflict)
            {
                return Stale(conflict);
            }
        }).WithSummary("Create or replace a channel (admins only). Secrets: omitted keeps the stored one, \"\" clears it. If-Match: the channel's revision (\"-1\" = must not exist yet).");

        channels.MapPost("/{code}/enable", (string code, ChannelDirectory directory, ChannelTargets targets, ClaimsPrincipal user, HttpContext http) =>
            SwitchAsync(code, true, directory, targets, user, http))
            .WithSummary("Switch a channel on (admins only); its new posts are sent again.");

        channels.MapPost("/{code}/disable", (string code, ChannelDirectory directory, ChannelTargets targets, ClaimsPrincipal user, HttpContext http) =>
            SwitchAsync(code, false, directory, targets, user, http))
            .WithSummary("Switch a channel off (admins only): its posts are Abandoned with \"switched off\" until it is on again and an operator retries them.");

        channels.MapDelete("/{code}", async Task<Results<NoContent, ProblemHttpResult>> (string code, ChannelDirectory directory, ChannelTargets targets, ClaimsPrincipal user, HttpContext http) =>
        {
            var normalized = code.ToLowerInvariant();
            var expected = IfMatch(http);
            try
            {
                if (await directory.RemoveAsync(normalized, expected, user.ToActor().UserId, http.RequestAborted)) return TypedResults.NoContent();
            }
            catch (ChannelRevisionConflictException conflict)
            {
                return Stale(conflict);
            }
            return targets.Configured.ContainsKey(normalized) ? Configured(normalized) : NotFound(normalized);
        }).WithSummary("Remove a channel (admins only); its stored secrets go with it. Posts to it are then Abandoned as not configured.");

        return api;
    }

    private static async Task<Results<Ok<ChannelView>, ProblemHttpResult>> SwitchAsync(
        string code, bool enabled, ChannelDirectory directory, ChannelTargets targets, ClaimsPrincipal user, HttpContext http)
    {
        var normalized = code.ToLowerInvariant();
        var expected = IfMatch(http);
        try
        {
            if (await directory.SetEnabledAsync(normalized, enabled, expected, user.ToActor().UserId, http.RequestAborted) is { } channel)
            {
                http.Response.Headers.ETag = CommandResults.ETag(channel.Revision);
                return TypedResults.Ok(ToView(channel, targets.Configured.ContainsKey(normalized)));
            }
        }
        catch (ChannelRevisionConflictException conflict)
        {
            return Stale(conflict);
        }
        return targets.Configured.ContainsKey(normalized) ? Configured(normalized) : NotFound(normalized);
    }

    private static ChannelView ToView(ManagedChannel c, bool overridesConfiguration)
    {
        var s = c.Settings;
        return new ChannelView(c.Code, "api", true, s.Kind, s.Enabled,
            s.Url?.ToString(), c.HasSecret, s.ApiBaseUrl?.ToString(), c.HasBotToken,
            s.Chats ?? new Dictionary<string, string>(),
            s.Kind == ChannelKind.Email ? s.SmtpHost : null, s.Kind == ChannelKind.Email ? s.SmtpPort : null, s.Kind == ChannelKind.Email ? s.SmtpSecurity : null,
            s.SmtpUser, c.HasSmtpPassword, s.From,
            s.Recipients ?? new Dictionary<string, string[]>(),
            c.Revision, c.ChangedBy, c.ChangedAt, overridesConfiguration, s.Events);
    }

    private static ChannelView ToView(string code, ChannelTarget t)
    {
        var email = t.Kind == ChannelKind.Email;
        return new ChannelView(code.ToLowerInvariant(), "configuration", false, t.Kind, t.Enabled,
            t.Url?.ToString(), !string.IsNullOrEmpty(t.Secret), t.ApiBaseUrl?.ToString(), !string.IsNullOrEmpty(t.BotToken),
            new Dictionary<string, string>(t.Chats),
            email ? t.SmtpHost : null, email ? t.SmtpPort : null, email ? t.SmtpSecurity : null,
            email ? t.SmtpUser : null, !string.IsNullOrEmpty(t.SmtpPassword), email ? t.From : null,
            new Dictionary<string, string[]>(t.Recipients),
            null, null, null, false, t.Events);
    }

    private static void ValidatePerLanguage<T>(FieldProblems problems, string name, Dictionary<string, T>? values, Action<string, T> check)
    {
        if (values is null || values.Count == 0)
        {
            problems.Add(name, "At least one language (kk, ru, en).");
            return;
        }
        foreach (var (language, value) in values)
        {
            if (!LanguageCodes.TryParse(language, out _)) problems.Add($"{name}.{Truncate(language)}", "Not a language: kk, ru or en.");
            else check($"{name}.{language.ToLowerInvariant()}", value);
        }
    }

    private static bool TryParseUrl(string? text, out Uri url)
    {
        url = null!;
        return !string.IsNullOrWhiteSpace(text) && text.Length <= 2_000 && Uri.TryCreate(text.Trim(), UriKind.Absolute, out url!) && url.Scheme is "https" or "http";
    }

    // MimeKit also takes a bare local part ("press"): a media list needs a domain.
    private static bool IsMailbox(string text) =>
        MailboxAddress.TryParse(text.Trim(), out var mailbox) && mailbox.Domain is { Length: > 0 } && !string.IsNullOrEmpty(mailbox.LocalPart);

    private static bool IsHttpsOrLoopback(Uri url) => url.Scheme == Uri.UriSchemeHttps || url.IsLoopback;

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The channel's revision the client saw; "-1" means "must not exist yet"; none or "*" checks nothing.</summary>
    private static long? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*") return null;
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(value.Trim('"'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var revision) && revision >= -1) return revision;
        throw new RequestValidationException(new Dictionary<string, string[]> { ["If-Match"] = ["The channel's revision as an entity tag, e.g. \"3\" (see its ETag)."] });
    }

    private static ProblemHttpResult NotFound(string code) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = $"No channel '{code}'." });

    private static ProblemHttpResult Configured(string code)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Channel from configuration",
            Detail = $"Channel '{code}' comes from the configuration (Channels:Targets) and is changed there, not through the API.",
            Type = ProblemTypes.DomainRule,
        };
        problem.Extensions["code"] = ConfiguredCode;
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult Stale(ChannelRevisionConflictException conflict)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Stale revision", Detail = conflict.Message, Type = ProblemTypes.StaleRevision };
        problem.Extensions["actualRevision"] = conflict.ActualRevision;
        return TypedResults.Problem(problem);
    }
}
