using CrisisCenter.Domain;

namespace CrisisCenter.Domain.Tests.Spec;

/// <summary>Given(history).When(command).Then(events) / ThenRejects(code), over Incident.Decide and Evolve.</summary>
public sealed class IncidentSpec
{
    private readonly IncidentEvent[] _history;
    private IncidentPolicy _policy = IncidentPolicy.Default;
    private IncidentCommand? _command;

    private IncidentSpec(IncidentEvent[] history) => _history = history;

    public static IncidentSpec Given(params IncidentEvent[] history) => new(history);

    public IncidentSpec WithPolicy(IncidentPolicy policy)
    {
        _policy = policy;
        return this;
    }

    public IncidentSpec When(IncidentCommand command)
    {
        _command = command;
        return this;
    }

    /// <summary>Asserts the exact events, in order, and that they fold into state; returns that state.</summary>
    public IncidentState Then(params IncidentEvent[] expected)
    {
        var decision = Decide();
        decision.IsRejected.Should().BeFalse($"the command should be accepted, but was {decision}");
        decision.Events.Select(e => e.GetType().Name).Should().Equal(expected.Select(e => e.GetType().Name));
        decision.Events.Should().BeEquivalentTo(
            expected,
            options => options.ComparingRecordsByMembers().RespectingRuntimeTypes().WithStrictOrdering());
        return decision.Events.Aggregate(Incident.Replay(_history), Incident.Evolve);
    }

    /// <summary>Asserts acceptance and returns the events for checks that look at part of them.</summary>
    public IReadOnlyList<IncidentEvent> ThenAccepts()
    {
        var decision = Decide();
        decision.IsRejected.Should().BeFalse($"the command should be accepted, but was {decision}");
        return decision.Events;
    }

    public DomainError ThenRejects(string code, ErrorKind? kind = null)
    {
        var decision = Decide();
        decision.IsRejected.Should().BeTrue($"the command should be rejected with {code}, but was {decision}");
        decision.Error!.Code.Should().Be(code, decision.Error.Message);
        if (kind is { } expectedKind)
        {
            decision.Error.Kind.Should().Be(expectedKind);
        }

        return decision.Error;
    }

    private Decision Decide()
    {
        _command.Should().NotBeNull("When(command) must come before Then");
        return Incident.Decide(Incident.Replay(_history), _command!, _policy);
    }
}
