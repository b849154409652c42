using System.Globalization;
using System.Security.Claims;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Auth;

namespace CrisisCenter.Web.Api;

/// <summary>
/// What every command request brings besides its body: who sends it (from the sign-in, never the body),
/// when (the server's clock), its idempotency key and the revision the client saw (If-Match).
/// </summary>
public sealed class CommandRequest
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    private CommandRequest(CommandContext context, long? expectedRevision, string? sessionId)
    {
        Context = context;
        ExpectedRevision = expectedRevision;
        SessionId = sessionId;
    }

    public CommandContext Context { get; }
    public long? ExpectedRevision { get; }
    public string? SessionId { get; }
    public Guid CommandId => Context.CommandId;

    public CommandEnvelope Envelope(IncidentCommand command) => new(command, ExpectedRevision, SessionId, Context.CommandId);

    /// <summary>Id of a new entity (incident, statement, rumour, update) a command creates: derived from the
    /// command id, so a retried request with the same Idempotency-Key names the same entity.</summary>
    public Guid NewEntityId(string kind) => DerivedGuid(CommandId, kind);

    public static CommandRequest From(HttpContext http)
    {
        var user = http.User;
        var actor = user.ToActor();
        var problems = new FieldProblems();
        var commandId = ParseIdempotencyKey(http.Request.Headers[IdempotencyKeyHeader].ToString(), actor.UserId, problems);
        var expected = ParseIfMatch(http.Request.Headers.IfMatch.ToString(), problems);
        var validation = problems.ToDictionary();
        if (validation.Count > 0) throw new RequestValidationException(validation);
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        return new CommandRequest(new CommandContext(commandId, actor, clock.GetUtcNow()), expected, user.FindFirstValue(CrisisCenterClaims.SessionId));
    }

    // Every key, a GUID too, is scoped to the user: two users' "retry-1" never collide, and nobody can replay
    // another user's key to be answered that user's first result.
    private static Guid ParseIdempotencyKey(string header, string userId, FieldProblems problems)
    {
        if (string.IsNullOrWhiteSpace(header)) return Guid.NewGuid();
        if (header.Length > MaxIdempotencyKeyLength)
        {
            problems.Add(IdempotencyKeyHeader, $"At most {MaxIdempotencyKeyLength} characters.");
            return Guid.Empty;
        }
        return DerivedGuid(Guid.Empty, userId + "\n" + header);
    }

    private static long? ParseIfMatch(string header, FieldProblems problems)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)) return revision;
        problems.Add("If-Match", "The incident's revision as an entity tag, e.g. \"12\".");
        return null;
    }

    private static Guid DerivedGuid(Guid seed, string name) => DeterministicGuid.Create(seed, name);
}
