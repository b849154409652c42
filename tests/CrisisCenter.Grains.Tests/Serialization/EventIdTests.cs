using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Grains.Tests.Serialization;

public sealed class EventIdTests
{
    private static readonly Guid CommandId = new("11111111-2222-3333-4444-555555555555");

    // Computed independently (Python: SHA-256 over the namespace and "{commandId:N}/{index}"; version 8 bits):
    // stored events carry these ids, so the derivation must never change.
    [Theory]
    [InlineData(0, "ac3950ad-0784-86a4-9943-8abc0098bdfd")]
    [InlineData(1, "a8c424e6-343f-8531-a36c-1a35eee311be")]
    public void event_ids_derived_from_a_command_id_never_change(int index, string expected) =>
        IncidentEventSerializer.EventId(CommandId, index).Should().Be(new Guid(expected));

    [Fact]
    public void each_event_of_a_command_gets_its_own_id() =>
        IncidentEventSerializer.EventId(CommandId, 0).Should().NotBe(IncidentEventSerializer.EventId(CommandId, 1));
}
