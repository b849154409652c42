using System.Text;
using CrisisCenter.EventStore.EventStoreDb;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>The metadata JSON events carry on the server: byte for byte what earlier versions wrote, read back whole.</summary>
public sealed class CustomMetadataTests
{
    private static readonly EventMetadata Full = new()
    {
        ActorId = "u-1", ActorName = "Дания \"Омарова\"", AgencyCode = "MES", SessionId = "s-9",
        CommandId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        CorrelationId = Guid.Parse("66666666-7777-8888-9999-aaaaaaaaaaaa"),
        CausationId = null,
    };

    [Fact]
    public void the_stored_json_is_the_layout_events_already_on_servers_have()
    {
        var json = Encoding.UTF8.GetString(CustomMetadata.Write(Full, "prev", "this"));

        json.Should().Be("{\"actorId\":\"u-1\",\"actorName\":\"\\u0414\\u0430\\u043D\\u0438\\u044F \\u0022\\u041E\\u043C\\u0430\\u0440\\u043E\\u0432\\u0430\\u0022\",\"agencyCode\":\"MES\",\"sessionId\":\"s-9\",\"commandId\":\"11111111-2222-3333-4444-555555555555\",\"correlationId\":\"66666666-7777-8888-9999-aaaaaaaaaaaa\",\"previousHash\":\"prev\",\"hash\":\"this\"}");
    }

    [Fact]
    public void what_is_written_reads_back_with_its_hashes()
    {
        var (metadata, previousHash, hash) = CustomMetadata.Read(CustomMetadata.Write(Full, "prev", "this"));

        metadata.Should().Be(Full);
        previousHash.Should().Be("prev");
        hash.Should().Be("this");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"actorId\":42,\"hash\":7}")]
    public void foreign_metadata_reads_as_empty_so_the_verifier_reports_a_break(string json)
    {
        var (metadata, previousHash, hash) = CustomMetadata.Read(Encoding.UTF8.GetBytes(json));

        metadata.Should().Be(EventMetadata.Empty);
        previousHash.Should().BeEmpty();
        hash.Should().BeEmpty();
    }
}
