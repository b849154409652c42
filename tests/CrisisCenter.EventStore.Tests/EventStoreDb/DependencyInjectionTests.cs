using CrisisCenter.EventStore.EventStoreDb;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task add_event_store_db_registers_one_shared_store_as_the_event_store_port()
    {
        await using var provider = new ServiceCollection().AddEventStoreDb("esdb://127.0.0.1:2113?tls=false").BuildServiceProvider();

        var port = provider.GetRequiredService<IEventStore>();

        port.Should().BeOfType<EventStoreDbEventStore>();
        provider.GetRequiredService<IEventStore>().Should().BeSameAs(port);
        provider.GetRequiredService<EventStoreDbEventStore>().Should().BeSameAs(port);
        provider.GetRequiredService<EventStoreDbHealthCheck>().Should().NotBeNull();
        ((EventStoreDbEventStore)port).Settings.UseTls.Should().BeFalse();
    }

    [Fact]
    public void a_malformed_connection_string_fails_at_registration_with_its_reason()
    {
        var register = () => new ServiceCollection().AddEventStoreDb("esdb://node1:notaport");

        register.Should().Throw<FormatException>().WithMessage("*'notaport'*is not a port number*");
    }
}
