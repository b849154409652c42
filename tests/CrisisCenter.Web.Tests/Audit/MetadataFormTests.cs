using System.Text;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Audit;

/// <summary>Roles joined the event metadata later: events stored before keep the exact bytes (and so the hashes)
/// they were chained with, and roles, once stored, are covered by the hash chain like the rest.</summary>
public sealed class MetadataFormTests
{
    [Fact]
    public void metadata_without_roles_keeps_its_earlier_canonical_form()
    {
        var commandId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var metadata = new EventMetadata { ActorId = "u-1", ActorName = "A", AgencyCode = "MES", SessionId = "s", CommandId = commandId };

        Encoding.UTF8.GetString(HashChain.CanonicalMetadata(metadata)).Should().Be(
            """{"ActorId":"u-1","ActorName":"A","AgencyCode":"MES","SessionId":"s","CommandId":"0f8fad5b-d9cb-469f-a165-70867728950e","CorrelationId":null,"CausationId":null}""");
        Encoding.UTF8.GetString(HashChain.CanonicalMetadata(metadata with { Roles = ["Approver", "PressOfficer"] }))
            .Should().EndWith(""","Roles":["Approver","PressOfficer"]}""");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task stored_roles_read_back_and_the_chain_verifies()
    {
        using var data = new TemporaryDataDirectory();
        await using var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = data.StoreFile });
        var with = new EventMetadata { ActorId = "u-1", AgencyCode = "MES", SessionId = "s", CommandId = Guid.NewGuid(), Roles = ["Approver"] };
        var without = new EventMetadata { ActorId = "u-2", CommandId = Guid.NewGuid() };
        await store.AppendAsync("audit-test", ExpectedRevision.NoStream,
        [
            new EventData(Guid.NewGuid(), "test.one.v1", "{}"u8.ToArray(), with),
            new EventData(Guid.NewGuid(), "test.two.v1", "{}"u8.ToArray(), without),
        ]);

        var read = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync("audit-test")) read.Add(e);

        read[0].Metadata.Roles.Should().Equal("Approver");
        read[0].Metadata.Should().Be(with, "metadata read back equals what was appended, roles compared by value");
        read[1].Metadata.Roles.Should().BeNull();
        (await new StreamVerifier(store).VerifyAsync("audit-test")).IsIntact.Should().BeTrue();
    }
}
