using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Tests.EventStoreDb.Fakes;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>
/// TLS to a node whose certificate comes from the cluster's own CA (as EventStoreDB's certificate tool makes them):
/// trusted with <c>tlsCaFile</c> naming that CA, refused against the system store or another CA. A real TLS
/// handshake with the emulated node on loopback.
/// </summary>
public sealed class ServerCertificateTrustTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "crisiscenter-tls-" + Guid.NewGuid().ToString("N"));
    private X509Certificate2 clusterCa = null!;
    private FakeStreamsNode node = null!;
    private string caFile = null!;
    private string otherCaFile = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        using var caKey = RSA.Create(2048);
        clusterCa = Authority("CN=CrisisCenter test cluster CA", caKey);
        caFile = WritePem("ca.crt", clusterCa);
        using var otherKey = RSA.Create(2048);
        otherCaFile = WritePem("other-ca.crt", Authority("CN=Someone else's CA", otherKey));
        node = await FakeStreamsNode.StartAsync(new EmulatedStreams(), NodeCertificate(clusterCa));
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private string Connection(string settings) => $"esdb://127.0.0.1:{node.Endpoint.Port}?tls=true&defaultDeadline=3000{settings}";

    private static async Task AppendAsync(IEventStore store) =>
        await store.AppendAsync("incident-tls", ExpectedRevision.Any,
            [new EventData(Guid.NewGuid(), "incident.note.v1", Encoding.UTF8.GetBytes("{}"), EventMetadata.Empty)]);

    [Fact]
    public async Task a_node_certificate_from_the_cluster_ca_is_trusted_with_tls_ca_file()
    {
        await using var store = new EventStoreDbEventStore(Connection("&tlsCaFile=" + Uri.EscapeDataString(caFile)));

        await AppendAsync(store);

        (await store.GetStreamRevisionAsync("incident-tls")).Should().Be(0);
    }

    [Fact]
    public async Task the_same_node_is_refused_against_the_system_trust_store()
    {
        await using var store = new EventStoreDbEventStore(Connection(""));

        var append = () => AppendAsync(store);

        await append.Should().ThrowAsync<EventStoreUnavailableException>();
    }

    [Fact]
    public async Task the_same_node_is_refused_when_tls_ca_file_names_another_ca()
    {
        await using var store = new EventStoreDbEventStore(Connection("&tlsCaFile=" + Uri.EscapeDataString(otherCaFile)));

        var append = () => AppendAsync(store);

        await append.Should().ThrowAsync<EventStoreUnavailableException>();
    }

    [Fact]
    public void an_unreadable_ca_file_stops_the_start_with_its_path()
    {
        var missing = Path.Combine(directory, "missing.crt");
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        var register = () => services.AddEventStoreDb($"esdb://node1:2113?tlsCaFile={Uri.EscapeDataString(missing)}");

        register.Should().Throw<InvalidOperationException>().WithMessage($"*tlsCaFile '{missing}'*");
    }

    [Fact]
    public void tls_ca_file_is_parsed_and_kept_in_the_connection_string()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://node1:2113?tlsCaFile=%2Fetc%2Feventstore%2Fca.crt");

        settings.TlsCaFile.Should().Be("/etc/eventstore/ca.crt");
        settings.VerifyCertificate.Should().BeTrue();
        settings.ToString().Should().EndWith("&tlsCaFile=%2Fetc%2Feventstore%2Fca.crt");
        var empty = () => EventStoreDbConnectionString.Parse("esdb://node1:2113?tlsCaFile=");
        empty.Should().Throw<FormatException>().WithMessage("*tlsCaFile*file path*");
    }

    private static X509Certificate2 Authority(string name, RSA key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 NodeCertificate(X509Certificate2 authority)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=eventstoredb-node", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(key);
        // Through PKCS#12, so the server's TLS stack gets a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private string WritePem(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
