using System.Diagnostics;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.LoadTest.History;

/// <summary>
/// Writes a realistic stored history for start-up and memory measurements: incidents with situation updates,
/// trilingual statements that are submitted, approved and published, channel posts that are sent and delivered, and
/// rumours that are logged, assessed and closed; some incidents end closed. Every event is decided by the domain
/// (<see cref="Incident.Decide"/>) against the state the previous ones produced and appended through the store port,
/// so the store's hash chain, revisions and metadata are exactly what the app writes — no raw SQL.
/// </summary>
public sealed class HistorySeeder(IEventStore store, IncidentPolicy policy)
{
    private static readonly Actor PressOfficer = new("seed.press.mes", "Duty press officer (history)", "MES", [Role.PressOfficer]);
    private static readonly Actor Approver = new("seed.approver.mes", "Head of press service (history)", "MES", [Role.Approver]);
    private static readonly string[] Regions = ["KZ-75", "KZ-19", "KZ-23", "KZ-47", "KZ-55", "KZ-11", "KZ-79", "KZ-63"];
    private static readonly string[] Channels = ["website", "telegram"];
    private const int AppendChunk = 500;

    /// <summary>Writes incidents of <paramref name="eventsPerIncident"/> events until <paramref name="events"/> are stored,
    /// <paramref name="parallel"/> incidents at a time (the store commits concurrent appends together).</summary>
    public async Task<SeedResult> SeedAsync(long events, int eventsPerIncident, int parallel, DateTimeOffset start, Action<long>? progress, CancellationToken ct)
    {
        var incidents = (int)Math.Ceiling(events / (double)eventsPerIncident);
        var written = 0L;
        var next = -1;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < incidents)
            {
                ct.ThrowIfCancellationRequested();
                var count = (int)Math.Min(eventsPerIncident, events - ((long)n * eventsPerIncident));
                var total = await WriteIncidentAsync(n, count, start.AddMinutes(n * 7), ct);
                var sum = Interlocked.Add(ref written, total);
                progress?.Invoke(sum);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallel)).Select(_ => Task.Run(Worker, ct)));
        return new SeedResult(incidents, written, clock.Elapsed);
    }

    /// <summary>Decides and appends one incident of about <paramref name="count"/> events; returns how many it wrote.</summary>
    public async Task<int> WriteIncidentAsync(int n, int count, DateTimeOffset declaredAt, CancellationToken ct)
    {
        var incidentId = IncidentIdOf(n);
        var stream = IncidentStreams.For(incidentId);
        var writer = new IncidentWriter(incidentId, policy, declaredAt);
        var pending = new List<EventData>(AppendChunk + 16);
        var revision = -1L;
        StreamTail? tail = null;
        var step = 0;

        // As the incident grain appends: after the stream's known last event, so the store writes without reading first.
        async Task Flush()
        {
            if (pending.Count == 0) return;
            var expected = revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision);
            var result = await store.AppendAsync(stream, expected, pending, tail, ct);
            revision = result.NextExpectedRevision;
            tail = result.Tail;
            pending.Clear();
        }

        void Add(IncidentCommand command)
        {
            foreach (var data in writer.Decide(command)) pending.Add(data);
        }

        Add(new DeclareIncident(incidentId, writer.Next(PressOfficer), $"INC-2025-{n + 1:D5}",
            $"Spring flood on the {RiverOf(n)} river", "Snowmelt raised the river above the warning level; settlements downstream are on alert.",
            IncidentCategory.Met, (Severity)(n % 2), [Regions[n % Regions.Length]], "MES", [], Visibility.Normal,
            [Language.Kk, Language.Ru, Language.En], IsPublicWarning: n % 3 == 0));

        var closes = n % 4 == 3; // a quarter of the incidents end closed
        var body = closes ? count - 1 : count;
        while (writer.Events < body)
        {
            step++;
            var room = body - writer.Events;
            if (step % 12 == 0 && room >= 13)
            {
                WriteStatement(writer, Add, step);
            }
            else if (step % 17 == 0 && room >= 3)
            {
                var rumorId = writer.NewId();
                Add(new LogRumor(incidentId, writer.Next(PressOfficer), rumorId,
                    $"Claim #{step}: the dam upstream has failed and the city will be flooded tonight.", "Telegram", $"https://t.me/s/example/{step}",
                    writer.At, 5_000 + step));
                Add(new AssessRumor(incidentId, writer.Next(PressOfficer), rumorId, RumorVerdict.False,
                    "The dam operator and Kazhydromet confirm the dam is intact; levels are monitored hourly."));
                Add(new CloseRumor(incidentId, writer.Next(PressOfficer), rumorId, "Assessed false; covered by the next update."));
            }
            else
            {
                Add(new LogSituationUpdate(incidentId, writer.Next(PressOfficer), writer.NewId(),
                    $"Water level at gauge {step % 9 + 1}: {310 + step % 70} cm, {(step % 2 == 0 ? "rising" : "steady")}; {step % 40} residents moved to shelters.",
                    (Language)(step % 3), "Kazhydromet", Regions[n % Regions.Length], Verified: step % 4 != 0));
            }

            if (pending.Count >= AppendChunk) await Flush();
        }

        if (closes)
        {
            Add(new CloseIncident(incidentId, writer.Next(PressOfficer), "Water receded below the warning level; all residents returned home."));
        }

        await Flush();
        return writer.Events;
    }

    private static void WriteStatement(IncidentWriter writer, Action<IncidentCommand> add, int step)
    {
        var id = writer.IncidentId;
        var statementId = writer.NewId();
        var content = new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new($"Су тасқыны туралы №{step} хабарлама", "Өзен деңгейі бақылауда. Төменгі ағыстағы тұрғындар эвакуацияға дайын болсын. Анықтама: 112."),
            [Language.Ru] = new($"Сообщение №{step} о паводке", "Уровень реки под контролем. Жителям ниже по течению быть готовыми к эвакуации. Справки: 112."),
            [Language.En] = new($"Flood notice no. {step}", "The river level is monitored. Residents downstream should be ready to evacuate. Information: 112."),
        };
        add(new DraftStatement(id, writer.Next(PressOfficer), statementId, step == 12 ? StatementKind.Holding : StatementKind.Update, content));
        add(new SubmitStatement(id, writer.Next(PressOfficer), statementId, 1));
        var hash = writer.State.Statements[statementId].Current.ContentHash;
        add(new ApproveStatement(id, writer.Next(Approver), statementId, 1, hash));
        if (writer.State.Statements[statementId].Status != StatementStatus.Approved)
        {
            add(new ApproveStatement(id, writer.Next(Approver with { UserId = "seed.deputy.mes", Name = "Deputy head (history)" }), statementId, 1, hash));
        }

        add(new PublishStatement(id, writer.Next(PressOfficer), statementId, 1, hash, Channels));
        foreach (var postId in writer.State.Statements[statementId].PostIds)
        {
            add(new RecordChannelPostSending(id, writer.Next(Actor.System), postId, 1));
            add(new RecordChannelPostDelivered(id, writer.Next(Actor.System), postId, 1, $"ext-{postId:N}"[..16], null));
        }
    }

    /// <summary>The id of the <paramref name="n"/>th seeded incident (0-based): the same in every seeded store.</summary>
    public static Guid IncidentIdOf(int n) => DeterministicId("incident", n);

    private static string RiverOf(int n) => (n % 5) switch { 0 => "Ural", 1 => "Ishim", 2 => "Tobol", 3 => "Syr Darya", _ => "Ili" };

    private static readonly Guid SeedNamespace = new("9d3f2b7e-41c6-4a8e-b0f2-5c7d1e6a3b90");

    private static Guid DeterministicId(string kind, long n) => DeterministicGuid.Create(SeedNamespace, $"{kind}/{n}");

    /// <summary>One incident's state as the domain folds it, and the store records its decisions make.</summary>
    private sealed class IncidentWriter(Guid incidentId, IncidentPolicy policy, DateTimeOffset declaredAt)
    {
        private long _ids;
        private int _commands;

        public Guid IncidentId => incidentId;

        public IncidentState State { get; private set; } = IncidentState.Initial;

        public int Events { get; private set; }

        public DateTimeOffset At => declaredAt.AddSeconds(_commands * 20);

        public Guid NewId() => DeterministicId($"{incidentId:N}/id", ++_ids);

        public CommandContext Next(Actor actor) => new(DeterministicId($"{incidentId:N}/command", ++_commands), actor, At);

        public IEnumerable<EventData> Decide(IncidentCommand command)
        {
            var decision = Incident.Decide(State, command, policy);
            if (decision.Error is { } error)
                throw new InvalidOperationException($"The domain refused the seeded {command.GetType().Name}: {error.Code} {error.Message}");
            var metadata = new EventMetadata
            {
                ActorId = command.Context.Actor.UserId,
                ActorName = command.Context.Actor.Name,
                AgencyCode = command.Context.Actor.AgencyCode,
                CommandId = command.Context.CommandId,
                CorrelationId = command.Context.CommandId,
                Roles = [.. command.Context.Actor.Roles.Select(r => r.ToString()).Order(StringComparer.Ordinal)],
            };
            var index = 0;
            var data = new List<EventData>(decision.Events.Count);
            foreach (var e in decision.Events)
            {
                State = Incident.Evolve(State, e);
                data.Add(IncidentEventSerializer.ToEventData(e, IncidentEventSerializer.EventId(command.Context.CommandId, index++), metadata));
                Events++;
            }

            return data;
        }
    }
}

public sealed record SeedResult(int Incidents, long Events, TimeSpan Elapsed)
{
    public double EventsPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>Opens the app's SQLite store file in a data directory (as the app lays it out).</summary>
public static class SeedTarget
{
    /// <summary>The store as the app opens it (durable commits).</summary>
    public static SqliteEventStore OpenSqlite(string dataDirectory) => Open(dataDirectory, SqliteSynchronous.Full);

    /// <summary>The store for seeding: commits are not synced to disk one by one (a seed cut short by a crash is simply
    /// made again), everything else — schema, hash chain, revisions, idempotency — is the app's own store code.</summary>
    public static SqliteEventStore OpenForSeeding(string dataDirectory) => Open(dataDirectory, SqliteSynchronous.Off);

    private static SqliteEventStore Open(string dataDirectory, SqliteSynchronous synchronous)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteEventStore(SqliteEventStoreOptions.ForFile(Path.Combine(dataDirectory, "crisiscenter.db")) with { Synchronous = synchronous });
    }
}
