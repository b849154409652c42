using System.Collections.Concurrent;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;

namespace CrisisCenter.Channels.Tests.Fakes;

/// <summary>
/// Incidents decided by the real domain, kept in memory, answering repeated command ids as the grain does. A crash
/// point makes the next matching command die like a killed process: before the store takes it, or after.
/// </summary>
public sealed class InMemoryIncidents : IIncidentGateway
{
    private readonly ConcurrentDictionary<Guid, List<IncidentEvent>> streams = new();
    private readonly HashSet<Guid> accepted = [];
    private readonly Lock gate = new();
    private Func<IncidentCommand, bool>? crashBefore;
    private Func<IncidentCommand, bool>? crashAfter;

    public void Seed(IEnumerable<IncidentEvent> events)
    {
        foreach (var e in events) streams.GetOrAdd(e.IncidentId, _ => []).Add(e);
    }

    public IReadOnlyList<IncidentEvent> EventsOf(Guid incidentId)
    {
        lock (gate) return [.. streams.GetOrAdd(incidentId, _ => [])];
    }

    public IReadOnlyList<T> EventsOf<T>(Guid incidentId) => [.. EventsOf(incidentId).OfType<T>()];

    public ChannelPostState Post(Guid incidentId, Guid postId) => Incident.Replay(EventsOf(incidentId)).ChannelPosts[postId];

    /// <summary>The next command matching <paramref name="when"/> never reaches the store.</summary>
    public void CrashBefore(Func<IncidentCommand, bool> when) => crashBefore = when;

    /// <summary>The next command matching <paramref name="when"/> is stored, but its caller dies before hearing so.</summary>
    public void CrashAfter(Func<IncidentCommand, bool> when) => crashAfter = when;

    public Task<IncidentState> GetAsync(Guid incidentId) => Task.FromResult(Incident.Replay(EventsOf(incidentId)));

    public Task<CommandOutcome> ExecuteAsync(IncidentCommand command)
    {
        lock (gate)
        {
            if (crashBefore?.Invoke(command) == true)
            {
                crashBefore = null;
                throw new SimulatedCrash($"crashed before storing {command.GetType().Name}");
            }

            var stream = streams.GetOrAdd(command.IncidentId, _ => []);
            if (accepted.Contains(command.Context.CommandId))
                return Task.FromResult(new CommandOutcome(CommandStatus.Duplicate, stream.Count - 1, stream.Count - 1, 0));

            var decision = Incident.Decide(Incident.Replay(stream), command, IncidentPolicy.Default);
            if (decision.IsRejected)
                return Task.FromResult(new CommandOutcome(CommandStatus.Rejected, stream.Count - 1, stream.Count - 1, 0, decision.Error));

            stream.AddRange(decision.Events);
            accepted.Add(command.Context.CommandId);
            if (crashAfter?.Invoke(command) == true)
            {
                crashAfter = null;
                throw new SimulatedCrash($"crashed after storing {command.GetType().Name}");
            }

            return Task.FromResult(new CommandOutcome(CommandStatus.Accepted, stream.Count - 1, stream.Count - 1, decision.Events.Count));
        }
    }
}

public sealed class SimulatedCrash(string message) : Exception(message);
