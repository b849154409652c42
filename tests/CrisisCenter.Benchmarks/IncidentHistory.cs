using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Benchmarks;

/// <summary>Realistic incident histories made by the domain itself: a declaration followed by situation updates,
/// each decided against the state the previous ones produced.</summary>
public static class IncidentHistory
{
    public static readonly Actor PressOfficer = new("press.mes", "Press officer MES", "MES", [Role.PressOfficer]);
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    public static DeclareIncident Declare(Guid incidentId) => new(
        incidentId, Context(0), "INC-2026-" + incidentId.ToString("N")[..6], "Mudflow threat in the Almaty foothills",
        "Heavy rain on snow; mudflow risk in the Medeu and Talgar valleys.", IncidentCategory.Met, Severity.Moderate,
        ["KZ-75"], "MES", [], Visibility.Normal, [], false);

    public static LogSituationUpdate Update(Guid incidentId, int n) => new(
        incidentId, Context(n), Guid.NewGuid(), $"Water level at the Medeu gauge {120 + n % 50} cm, rising {n % 7} cm/h; crews on site.",
        Language.Ru, "Kazhydromet", "KZ-75", Verified: true);

    public static CommandContext Context(int n) => new(Guid.NewGuid(), PressOfficer, Start.AddSeconds(n));

    /// <summary>The events of an incident with <paramref name="count"/> events, and its final state.</summary>
    public static (List<IncidentEvent> Events, IncidentState State) Build(Guid incidentId, int count)
    {
        var state = IncidentState.Initial;
        var events = new List<IncidentEvent>(count);
        for (var n = 0; events.Count < count; n++)
        {
            IncidentCommand command = n == 0 ? Declare(incidentId) : Update(incidentId, n);
            var decision = Incident.Decide(state, command, IncidentPolicy.Default);
            if (decision.Error is { } error) throw new InvalidOperationException($"The domain refused the benchmark history: {error.Code} {error.Message}");
            foreach (var e in decision.Events)
            {
                events.Add(e);
                state = Incident.Evolve(state, e);
            }
        }

        return (events, state);
    }

    public static EventMetadata Metadata(Guid commandId) => new()
    {
        ActorId = PressOfficer.UserId,
        ActorName = PressOfficer.Name,
        AgencyCode = PressOfficer.AgencyCode,
        CommandId = commandId,
        CorrelationId = commandId,
    };

    /// <summary>Appends an incident of <paramref name="count"/> events to its stream, in appends of 500.</summary>
    public static async Task WriteAsync(IEventStore store, Guid incidentId, int count)
    {
        var (events, _) = Build(incidentId, count);
        await AppendAsync(store, incidentId, events, 0, events.Count);
    }

    /// <summary>Appends <paramref name="count"/> of <paramref name="events"/> from index <paramref name="from"/> (which is
    /// also the stream revision they get), in appends of 500, each event as its own command.</summary>
    public static async Task AppendAsync(IEventStore store, Guid incidentId, IReadOnlyList<IncidentEvent> events, int from, int count)
    {
        var stream = IncidentStreams.For(incidentId);
        for (var offset = from; offset < from + count; offset += 500)
        {
            var chunk = events.Skip(offset).Take(Math.Min(500, from + count - offset))
                .Select(e => IncidentEventSerializer.ToEventData(e, Guid.NewGuid(), Metadata(Guid.NewGuid())))
                .ToList();
            await store.AppendAsync(stream, offset == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(offset - 1), chunk);
        }
    }

    public static string TempDirectory(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "crisiscenter-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
