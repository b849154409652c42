using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Grains.Tests.Serialization;

public sealed class EventIdTests
{
    private static readonly Guid CommandId = new("11111111-2222-3333-4444-555555555555");

    // Computed independently (Python: SHA-256 over namespace, command id, big-endian index; version 8 bits):
    // stored events carry these ids, so the derivation must never change.
    [Theory]
    [InlineData(0, "5715f4b2-dd3d-8b82-92a8-719a06efc42e")]
    [InlineData(1, "723bff06-f51c-8e19-b0da-e535040d0e72")]
    public void event_ids_derived_from_a_command_id_never_change(int index, string expected) =>
        IncidentEventSerializer.EventId(CommandId, index).Should().Be(new Guid(expected));

    [Fact]
    public void each_event_of_a_command_gets_its_own_id() =>
        IncidentEventSerializer.EventId(CommandId, 0).Should().NotBe(IncidentEventSerializer.EventId(CommandId, 1));
}
