using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.Fakes;

/// <summary>Incident histories built by the real domain: declare, draft, submit, approve, publish (and correct, retract).</summary>
public sealed class Published
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.FromHours(5));
    public static readonly Actor PressOfficer = new("u-aliya", "Aliya Nurpeisova", "MES", [Role.PressOfficer]);
    public static readonly Actor Approver = new("u-yerlan", "Yerlan Tokayev", "MES", [Role.Approver]);

    private readonly List<IncidentEvent> events = [];

    public Published(Guid? incidentId = null, Visibility visibility = Visibility.Normal, bool publicWarning = true, string code = "INC-2026-0042")
    {
        IncidentId = incidentId ?? Guid.NewGuid();
        Apply(new DeclareIncident(IncidentId, By(PressOfficer, 0), code, "Flood in Almaty", "Mudflow after heavy rain.",
            IncidentCategory.Met, Severity.Moderate, ["KZ-75", "KZ-19"], "MES", [], visibility, [Language.Kk, Language.Ru], publicWarning));
    }

    public Guid IncidentId { get; }
    public IReadOnlyList<IncidentEvent> Events => events;
    public IncidentState State => Incident.Replay(events);

    public static IReadOnlyDictionary<Language, StatementText> Text(string topic = "Паводок", bool english = false)
    {
        var text = new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new($"{topic}: Алматыдағы су тасқыны", "Құтқарушылар зардап шеккен аудандарда жұмыс істеп жатыр.", "Өзен жағасынан аулақ болыңыз."),
            [Language.Ru] = new($"{topic}: паводок в Алматы", "Спасатели работают в пострадавших районах <b>&</b> \"центре\".", "Держитесь подальше от берегов рек."),
        };
        if (english) text[Language.En] = new($"{topic}: flood in Almaty", "Rescuers are working in the affected districts.", "Keep away from river banks.");
        return text;
    }

    /// <summary>Drafts, approves and publishes a statement; returns its id.</summary>
    public Guid Statement(
        IReadOnlyList<string> channels, StatementKind kind = StatementKind.Update, Guid? references = null,
        IReadOnlyDictionary<Language, StatementText>? content = null, DateTimeOffset? notBefore = null, int minute = 10)
    {
        var id = Guid.NewGuid();
        Apply(new DraftStatement(IncidentId, By(PressOfficer, minute), id, kind, content ?? Text(), references));
        var hash = State.Statements[id].Current.ContentHash;
        Apply(new SubmitStatement(IncidentId, By(PressOfficer, minute + 1), id, 1));
        Apply(new ApproveStatement(IncidentId, By(Approver, minute + 2), id, 1, hash));
        Apply(new PublishStatement(IncidentId, By(PressOfficer, minute + 3), id, 1, hash, channels, notBefore));
        return id;
    }

    /// <summary>Publishes a statement whose stored text holds characters the text policy now refuses: the events as a
    /// version before that rule stored them (the domain would refuse the draft today).</summary>
    public Guid StatementStoredBeforeTheTextPolicy(IReadOnlyList<string> channels, IReadOnlyDictionary<Language, StatementText> storedContent, int minute = 10)
    {
        var id = Statement(channels, minute: minute);
        var drafted = events.FindIndex(e => e is StatementDrafted d && d.StatementId == id);
        events[drafted] = ((StatementDrafted)events[drafted]) with { Content = storedContent };
        return id;
    }

    /// <summary>kk and ru text with a null character, vertical tabs, a unit separator and a right-to-left override.</summary>
    public static IReadOnlyDictionary<Language, StatementText> HostileText() => new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new("Су\u0000 тасқыны", "Құтқарушылар\u000Bжұмыс істеп жатыр \u202Eкері мәтін", "Үйде\u0001 қалыңыз"),
        [Language.Ru] = new("Паводок\u000B в Алматы", "Спасатели\u0000 работают \u202Eобратный текст", "Держитесь\u001F подальше"),
    };

    public IReadOnlyList<ChannelPostScheduled> PostsOf(Guid statementId) =>
        [.. events.OfType<ChannelPostScheduled>().Where(p => p.StatementId == statementId)];

    public Published Then(IncidentEvent e)
    {
        events.Add(e);
        return this;
    }

    private void Apply(IncidentCommand command)
    {
        var decision = Incident.Decide(State, command, IncidentPolicy.Default);
        if (decision.IsRejected) throw new InvalidOperationException(decision.ToString());
        events.AddRange(decision.Events);
    }

    public static CommandContext By(Actor actor, int minute) => new(Guid.NewGuid(), actor, T0.AddMinutes(minute));
}
