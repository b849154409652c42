using System.Reflection;

namespace CrisisCenter.Domain.Tests.Incidents;

public class EventTypesTests
{
    private static readonly Type[] ConcreteEvents = typeof(IncidentEvent).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(IncidentEvent).IsAssignableFrom(type))
        .ToArray();

    [Fact]
    public void every_event_has_a_unique_versioned_type_name()
    {
        var names = ConcreteEvents.Select(type => type.GetCustomAttribute<EventTypeAttribute>()?.Name).ToArray();
        names.Should().NotContainNulls().And.OnlyHaveUniqueItems();
        names.Should().AllSatisfy(name => name.Should().MatchRegex(@"^[a-z_]+\.[a-z_]+\.v\d+$"));
    }

    [Fact]
    public void the_registry_maps_every_event_both_ways()
    {
        EventTypes.ByName.Should().HaveCount(ConcreteEvents.Length);
        foreach (var type in ConcreteEvents)
        {
            EventTypes.ByName[EventTypes.NameOf(type)].Should().Be(type);
        }
    }

    [Fact]
    public void every_domain_event_named_in_the_design_exists()
    {
        string[] designed =
        [
            "IncidentDeclared", "IncidentDetailsAmended", "IncidentSeverityChanged", "AgencyJoinedIncident", "AgencyLeftIncident",
            "IncidentStabilized", "IncidentClosed", "IncidentReopened", "SituationUpdateLogged", "SituationUpdateCorrected",
            "StatementDrafted", "StatementRevised", "StatementSubmitted", "StatementApproved", "StatementRejected",
            "StatementPublished", "ChannelPostScheduled", "ChannelPostDelivered", "ChannelPostFailed", "ChannelPostAbandoned",
            "ChannelPostUncertain", "RumorLogged", "RumorAssessed", "RumorRebutted", "RumorClosed",
        ];
        ConcreteEvents.Select(type => type.Name).Should().Contain(designed);
    }

    [Fact]
    public void stored_names_are_fixed() =>
        EventTypes.NameOf(typeof(IncidentDeclared)).Should().Be("incident.declared.v1");

    [Fact]
    public void every_error_code_is_unique_and_well_formed()
    {
        var codes = typeof(DomainErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToArray();
        codes.Should().OnlyHaveUniqueItems();
        codes.Should().AllSatisfy(code => code.Should().MatchRegex(@"^[a-z_]+\.[a-z_]+$"));
    }
}
