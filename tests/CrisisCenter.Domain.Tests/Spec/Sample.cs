using CrisisCenter.Domain;

namespace CrisisCenter.Domain.Tests.Spec;

/// <summary>A small cast and a Moderate flood in Almaty to run the rules against.</summary>
public static class Sample
{
    public static readonly Guid IncidentId = new("0b6f2d8e-1c1a-4a5e-9f4e-2a7d1c000001");
    public static readonly Guid StatementId = new("0b6f2d8e-1c1a-4a5e-9f4e-2a7d1c000101");
    public static readonly Guid OtherStatementId = new("0b6f2d8e-1c1a-4a5e-9f4e-2a7d1c000102");
    public static readonly Guid RumorId = new("0b6f2d8e-1c1a-4a5e-9f4e-2a7d1c000201");
    public static readonly Guid UpdateId = new("0b6f2d8e-1c1a-4a5e-9f4e-2a7d1c000301");
    public static readonly Guid OtherUpdateId = new("0b6f2d8e-1c1a-4a5e-9f4e-2a7d1c000302");

    public const string Code = "INC-2026-0042";
    public const string LeadAgency = "MES";
    public const string ParticipatingAgency = "MOH";
    public const string OutsideAgency = "MOF";
    public const string Almaty = "KZ-75";
    public const string AlmatyRegion = "KZ-19";
    public const string Astana = "KZ-71";

    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.FromHours(5));

    public static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    public static readonly Actor PressOfficer = new("u-aliya", "Aliya Nurpeisova", LeadAgency, [Role.PressOfficer]);
    public static readonly Actor SecondPressOfficer = new("u-daniyar", "Daniyar Seitkali", LeadAgency, [Role.PressOfficer]);
    public static readonly Actor ParticipatingPressOfficer = new("u-marat", "Marat Ospanov", ParticipatingAgency, [Role.PressOfficer]);
    public static readonly Actor OutsidePressOfficer = new("u-saule", "Saule Bekova", OutsideAgency, [Role.PressOfficer]);
    public static readonly Actor Approver = new("u-yerlan", "Yerlan Tokayev", LeadAgency, [Role.Approver]);
    public static readonly Actor SecondApprover = new("u-gulnara", "Gulnara Abenova", LeadAgency, [Role.Approver]);
    public static readonly Actor ParticipatingApprover = new("u-askar", "Askar Zhunusov", ParticipatingAgency, [Role.Approver]);
    public static readonly Actor WriterAndApprover = new("u-nurlan", "Nurlan Amanov", LeadAgency, [Role.PressOfficer, Role.Approver]);
    public static readonly Actor AlmatyObserver = new("u-akimat", "Almaty akimat", "AKIMAT-ALMATY", [Role.Observer], Almaty, CanLogRegionalUpdates: true);
    public static readonly Actor UngrantedObserver = new("u-akimat2", "Almaty akimat", "AKIMAT-ALMATY", [Role.Observer], Almaty);
    public static readonly Actor AstanaObserver = new("u-akimat3", "Astana akimat", "AKIMAT-ASTANA", [Role.Observer], Astana, CanLogRegionalUpdates: true);
    public static readonly Actor SystemActor = Actor.System;

    public static CommandContext By(Actor actor, DateTimeOffset? at = null) => new(Guid.NewGuid(), actor, at ?? At(30));

    public static readonly IReadOnlyDictionary<Language, StatementText> Content = new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new("Алматыдағы су тасқыны", "Құтқарушылар зардап шеккен аудандарда жұмыс істеп жатыр.", "Өзен жағасынан аулақ болыңыз."),
        [Language.Ru] = new("Паводок в Алматы", "Спасатели работают в пострадавших районах.", "Держитесь подальше от берегов рек."),
    };

    public static readonly IReadOnlyDictionary<Language, StatementText> RevisedContent = new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new("Алматыдағы су тасқыны", "Құтқарушылар үш ауданда жұмыс істеп жатыр.", "Өзен жағасынан аулақ болыңыз."),
        [Language.Ru] = new("Паводок в Алматы", "Спасатели работают в трёх районах.", "Держитесь подальше от берегов рек."),
    };

    public static readonly string Hash = ContentHash.Compute(StatementKind.Update, Content);
    public static readonly string RevisedHash = ContentHash.Compute(StatementKind.Update, RevisedContent);

    public static IncidentDeclared Declared(Severity severity = Severity.Moderate) => new(
        IncidentId, PressOfficer.UserId, T0, Code, "Flood in Almaty", "Mudflow after heavy rain.",
        IncidentCategory.Met, severity, [Almaty, AlmatyRegion], LeadAgency, [ParticipatingAgency],
        Visibility.Normal, [Language.Kk, Language.Ru], true);

    public static StatementDrafted Drafted(
        Guid? statementId = null,
        StatementKind kind = StatementKind.Update,
        IReadOnlyDictionary<Language, StatementText>? content = null,
        Guid? referencesStatementId = null,
        Guid? referencesRumorId = null,
        Actor? author = null)
    {
        var text = content ?? Content;
        return new StatementDrafted(
            IncidentId, (author ?? PressOfficer).UserId, At(5), statementId ?? StatementId, kind, 1, text,
            ContentHash.Compute(kind, text, referencesStatementId, referencesRumorId), referencesStatementId, referencesRumorId);
    }

    public static StatementRevised Revised(int revision = 2, Actor? author = null) =>
        new(IncidentId, (author ?? SecondPressOfficer).UserId, At(8), StatementId, revision, RevisedContent, RevisedHash);

    public static StatementSubmitted Submitted(int revision = 1, string? hash = null, Guid? statementId = null) =>
        new(IncidentId, PressOfficer.UserId, At(10), statementId ?? StatementId, revision, hash ?? Hash);

    public static StatementApproved Approved(
        Actor? approver = null, int soFar = 1, int required = 1, int revision = 1, string? hash = null,
        Guid? statementId = null, DateTimeOffset? at = null) =>
        new(IncidentId, (approver ?? Approver).UserId, at ?? At(15), statementId ?? StatementId, revision, hash ?? Hash, soFar, required);

    /// <summary>The sample statement drafted, submitted and approved once (enough for a Moderate incident).</summary>
    public static IncidentEvent[] ApprovedStatement(Severity severity = Severity.Moderate) =>
        [Declared(severity), Drafted(), Submitted(), Approved()];

    public static StatementPublished Published(IReadOnlyList<string> channels, Guid? statementId = null, string? hash = null) =>
        new(IncidentId, PressOfficer.UserId, At(20), statementId ?? StatementId, 1, hash ?? Hash, channels, null);

    public static ChannelPostScheduled Scheduled(
        string channel,
        Language language,
        Guid? statementId = null,
        ChannelPostAction action = ChannelPostAction.Publish,
        Guid? originalPostId = null,
        DateTimeOffset? at = null,
        int revision = 1)
    {
        var id = statementId ?? StatementId;
        var key = ChannelPostIdentity.IdempotencyKey(id, revision, channel, language, action, originalPostId);
        return new ChannelPostScheduled(
            IncidentId, PressOfficer.UserId, at ?? At(20), ChannelPostIdentity.PostId(key), id, revision, channel,
            language, action, originalPostId, key, null);
    }

    /// <summary>The sample statement published to telegram in kk and ru.</summary>
    public static IncidentEvent[] PublishedStatement() =>
        [.. ApprovedStatement(), Published(["telegram"]), Scheduled("telegram", Language.Kk), Scheduled("telegram", Language.Ru)];

    public static RumorLogged RumorLogged() => new(
        IncidentId, PressOfficer.UserId, At(3), RumorId, "The dam at Medeu has burst", "Telegram", "https://t.me/example/1",
        At(1), 12_000);

    public static RumorAssessed RumorAssessed(RumorVerdict verdict = RumorVerdict.False) =>
        new(IncidentId, PressOfficer.UserId, At(4), RumorId, verdict, "Dam operator confirms the dam is intact.");

    public static SituationUpdateLogged UpdateLogged(string? region = Almaty) => new(
        IncidentId, PressOfficer.UserId, At(2), UpdateId, "Water level in the Malaya Almatinka rose by 40 cm.", Language.Ru,
        "Kazhydromet", region, false);
}
