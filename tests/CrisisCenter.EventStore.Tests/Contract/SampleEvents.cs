using System.Text;

namespace CrisisCenter.EventStore.Tests.Contract;

/// <summary>Events shaped like the ones incidents produce: a versioned type name, UTF-8 JSON data and
/// metadata naming who did it.</summary>
public static class SampleEvents
{
    public const string SituationUpdateLogged = "incident.situation-update-logged.v1";

    public static EventData One(string text = "Water level on the Ishim rose 40 cm overnight", string type = SituationUpdateLogged) =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}"""), Metadata());

    public static EventData[] Many(int count, string label = "update") =>
        Enumerable.Range(0, count).Select(i => One($"{label} {i}")).ToArray();

    public static EventMetadata Metadata() => new()
    {
        ActorId = "user-17",
        ActorName = "Press officer",
        AgencyCode = "MES",
        CommandId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
    };
}
