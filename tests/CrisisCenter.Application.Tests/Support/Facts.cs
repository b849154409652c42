using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Support;

/// <summary>
/// Hand-built events of one incident, timed in minutes after <see cref="T0"/>. Defaults describe a moderate flood in
/// Almaty led by the Ministry of Emergency Situations ("mes"); every argument can be overridden by name.
/// </summary>
public sealed class Facts(Guid? incidentId = null)
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(5));

    public Guid Id { get; } = incidentId ?? Guid.NewGuid();

    public static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    public IncidentDeclared Declared(
        double at = 0,
        string code = "INC-2026-0001",
        string title = "Flooding in Almaty",
        Severity severity = Severity.Moderate,
        IncidentCategory category = IncidentCategory.Met,
        string[]? regions = null,
        string lead = "mes",
        string[]? participating = null,
        Visibility visibility = Visibility.Normal,
        string by = "officer-1",
        bool publicWarning = false) =>
        new(Id, by, At(at), code, title, "River levels rising.", category, severity, regions ?? ["KZ-75"], lead,
            participating ?? [], visibility, [Language.Kk, Language.Ru], publicWarning);

    public IncidentDetailsAmended Amended(double at, string title, string[] regions, IncidentCategory category = IncidentCategory.Met, string by = "officer-1") =>
        new(Id, by, At(at), title, "Amended.", category, regions);

    public IncidentSeverityChanged SeverityChanged(double at, Severity from, Severity to, string by = "officer-1") =>
        new(Id, by, At(at), from, to, "Reassessed.");

    public AgencyJoinedIncident Joined(double at, string agency) => new(Id, "officer-1", At(at), agency);

    public AgencyLeftIncident Left(double at, string agency) => new(Id, "officer-1", At(at), agency);

    public IncidentStabilized Stabilized(double at) => new(Id, "officer-1", At(at), "Water receding.");

    public IncidentClosed Closed(double at) => new(Id, "officer-1", At(at), "All clear.");

    public IncidentReopened Reopened(double at) => new(Id, "officer-1", At(at), "Second wave.");

    public SituationUpdateLogged UpdateLogged(double at, Guid updateId, string text = "Water level 3.2 m at the Bolshaya Almatinka.", bool verified = true, Language language = Language.Ru) =>
        new(Id, "officer-1", At(at), updateId, text, language, "Kazhydromet", "KZ-75", verified);

    public SituationUpdateCorrected UpdateCorrected(double at, Guid updateId, Guid correctsUpdateId, string text = "Water level 2.9 m.") =>
        new(Id, "officer-1", At(at), updateId, correctsUpdateId, text, "Misread gauge.", Language.Ru, "Kazhydromet", "KZ-75", true);

    public static IReadOnlyDictionary<Language, StatementText> Content(int revision) => new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new($"Су тасқыны туралы ескерту {revision}", "Өзен маңынан аулақ болыңыз."),
        [Language.Ru] = new($"Предупреждение о паводке {revision}", "Держитесь подальше от реки."),
    };

    public static string Hash(StatementKind kind, int revision) => ContentHash.Compute(kind, Content(revision));

    public StatementDrafted Drafted(double at, Guid statementId, string by = "officer-1", StatementKind kind = StatementKind.Holding, Guid? referencesStatement = null, Guid? referencesRumor = null) =>
        new(Id, by, At(at), statementId, kind, 1, Content(1), Hash(kind, 1), referencesStatement, referencesRumor);

    public StatementRevised Revised(double at, Guid statementId, int revision, string by = "officer-1", StatementKind kind = StatementKind.Holding) =>
        new(Id, by, At(at), statementId, revision, Content(revision), Hash(kind, revision));

    public StatementSubmitted Submitted(double at, Guid statementId, int revision = 1, string by = "officer-1", StatementKind kind = StatementKind.Holding) =>
        new(Id, by, At(at), statementId, revision, Hash(kind, revision));

    public StatementApproved Approved(double at, Guid statementId, string by, int soFar, int required, int revision = 1, StatementKind kind = StatementKind.Holding) =>
        new(Id, by, At(at), statementId, revision, Hash(kind, revision), soFar, required);

    public StatementApprovalRequirementChanged RequirementChanged(double at, Guid statementId, int soFar, int required, int revision = 1) =>
        new(Id, "officer-1", At(at), statementId, revision, soFar, required);

    public StatementRejected Rejected(double at, Guid statementId, string by, int revision = 1, string reason = "Numbers unconfirmed.") =>
        new(Id, by, At(at), statementId, revision, reason);

    public StatementPublished Published(double at, Guid statementId, int revision = 1, string[]? channels = null, StatementKind kind = StatementKind.Holding) =>
        new(Id, "officer-1", At(at), statementId, revision, Hash(kind, revision), channels ?? ["telegram"], null);

    public ChannelPostScheduled PostScheduled(double at, Guid postId, Guid statementId, string channel, Language language, int revision = 1, double? notBefore = null, ChannelPostAction action = ChannelPostAction.Publish) =>
        new(Id, "officer-1", At(at), postId, statementId, revision, channel, language, action, null, $"{statementId}:{revision}:{channel}:{language.ToCode()}", notBefore is { } nb ? At(nb) : null);

    public ChannelPostDelivered Delivered(double at, Guid postId, int attempt = 1) =>
        new(Id, Actor.SystemUserId, At(at), postId, attempt, $"ext-{postId:N}", $"https://t.me/c/{attempt}");

    public ChannelPostFailed Failed(double at, Guid postId, int attempt = 1) =>
        new(Id, Actor.SystemUserId, At(at), postId, attempt, "HTTP 503", At(at + 1));

    public ChannelPostAbandoned Abandoned(double at, Guid postId, int attempts) =>
        new(Id, Actor.SystemUserId, At(at), postId, attempts, "HTTP 503");

    public ChannelPostUncertain Uncertain(double at, Guid postId, int attempt = 1) =>
        new(Id, Actor.SystemUserId, At(at), postId, attempt, "Connection lost after sending.");

    public RumorLogged RumorLogged(double at, Guid rumorId, string claim = "The dam has broken.") =>
        new(Id, "officer-1", At(at), rumorId, claim, "Telegram channel", "https://t.me/x/1", At(at - 5), 12_000);

    public RumorAssessed RumorAssessed(double at, Guid rumorId, RumorVerdict verdict = RumorVerdict.False) =>
        new(Id, "officer-1", At(at), rumorId, verdict, "Dam inspected at 09:00.");

    public RumorRebutted RumorRebutted(double at, Guid rumorId, Guid statementId, int revision = 1) =>
        new(Id, "officer-1", At(at), rumorId, statementId, revision);

    public RumorClosed RumorClosed(double at, Guid rumorId) => new(Id, "officer-1", At(at), rumorId, "No longer circulating.");
}
