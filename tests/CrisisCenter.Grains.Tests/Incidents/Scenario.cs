using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;

namespace CrisisCenter.Grains.Tests.Incidents;

/// <summary>
/// A flood in Almaty handled by the Ministry of Emergency Situations. Each test builds its own scenario, so it has
/// its own incident (and stream) in the shared store.
/// </summary>
public sealed class Scenario
{
    public const string LeadAgency = "MES";
    public const string Almaty = "KZ-75";

    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.FromHours(5));

    public static readonly Actor PressOfficer = new("u-aliya", "Aliya Nurpeisova", LeadAgency, [Role.PressOfficer]);
    public static readonly Actor Approver = new("u-yerlan", "Yerlan Tokayev", LeadAgency, [Role.Approver]);
    public static readonly Actor OutsidePressOfficer = new("u-saule", "Saule Bekova", "MOF", [Role.PressOfficer]);

    public static readonly IReadOnlyDictionary<Language, StatementText> Content = new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new("Алматыдағы су тасқыны", "Құтқарушылар зардап шеккен аудандарда жұмыс істеп жатыр.", "Өзен жағасынан аулақ болыңыз."),
        [Language.Ru] = new("Паводок в Алматы", "Спасатели работают в пострадавших районах.", "Держитесь подальше от берегов рек."),
    };

    public Guid IncidentId { get; } = Guid.NewGuid();

    public Guid StatementId { get; } = Guid.NewGuid();

    public string Stream => IncidentStreams.For(IncidentId);

    public static CommandContext By(Actor actor, int minutes = 0) => new(Guid.NewGuid(), actor, T0.AddMinutes(minutes));

    public DeclareIncident Declare() => new(
        IncidentId, By(PressOfficer), "INC-2026-0042", "Flood in Almaty", "Mudflow after heavy rain.",
        IncidentCategory.Met, Severity.Moderate, [Almaty], LeadAgency, [], Visibility.Normal,
        [Language.Kk, Language.Ru], IsPublicWarning: true);

    public LogSituationUpdate LogUpdate(string text = "Water level at 2.1 m on the Esentai.", Actor? by = null, Guid? updateId = null) =>
        new(IncidentId, By(by ?? PressOfficer, 5), updateId ?? Guid.NewGuid(), text, Language.Ru, "Kazhydromet", Almaty, Verified: true);

    public DraftStatement Draft() =>
        new(IncidentId, By(PressOfficer, 10), StatementId, StatementKind.Update, Content);

    public SubmitStatement Submit() => new(IncidentId, By(PressOfficer, 12), StatementId, Revision: 1);

    public ApproveStatement Approve() =>
        new(IncidentId, By(Approver, 15), StatementId, Revision: 1, ContentHash.Compute(StatementKind.Update, Content));

    /// <summary>Publishing to one channel schedules a post per required language: one command, three events.</summary>
    public PublishStatement Publish() =>
        new(IncidentId, By(PressOfficer, 20), StatementId, Revision: 1, ContentHash.Compute(StatementKind.Update, Content), ["feed"]);

    public static CommandEnvelope Envelope(IncidentCommand command, long? expectedRevision = null) =>
        new(command, expectedRevision, SessionId: "session-1", CorrelationId: Guid.NewGuid());
}
