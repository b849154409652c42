using CrisisCenter.EventStore.EventStoreDb;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

public sealed class ConnectionStringTests
{
    [Fact]
    public void a_single_insecure_node_is_parsed_with_its_port_and_no_tls()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://127.0.0.1:2113?tls=false");

        settings.Endpoints.Should().Equal(new EventStoreDbEndpoint("127.0.0.1", 2113));
        settings.UseTls.Should().BeFalse();
        settings.HasCredentials.Should().BeFalse();
    }

    [Fact]
    public void tls_and_certificate_verification_are_on_unless_switched_off()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://eventstore.local");

        settings.UseTls.Should().BeTrue();
        settings.VerifyCertificate.Should().BeTrue();
        settings.Endpoints.Should().Equal(new EventStoreDbEndpoint("eventstore.local", 2113));
        settings.Deadline.Should().Be(EventStoreDbConnectionString.DefaultDeadline);
    }

    [Fact]
    public void self_signed_certificates_are_accepted_only_with_tls_verify_cert_false()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://node1:2113?tls=true&tlsVerifyCert=false");

        settings.UseTls.Should().BeTrue();
        settings.VerifyCertificate.Should().BeFalse();
    }

    [Fact]
    public void several_hosts_are_kept_in_order_with_default_ports_filled_in()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://node1:2113,node2,10.0.0.3:3113/?tls=false");

        settings.Endpoints.Should().Equal(
            new EventStoreDbEndpoint("node1", 2113),
            new EventStoreDbEndpoint("node2", 2113),
            new EventStoreDbEndpoint("10.0.0.3", 3113));
    }

    [Fact]
    public void credentials_are_taken_from_the_user_info_and_percent_decoded()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://admin:ch%40ng%3Ait@localhost:2113?tls=false");

        settings.UserName.Should().Be("admin");
        settings.Password.Should().Be("ch@ng:it");
        settings.HasCredentials.Should().BeTrue();
    }

    [Fact]
    public void setting_names_and_values_are_case_insensitive_like_the_official_clients()
    {
        var settings = EventStoreDbConnectionString.Parse("ESDB://localhost?TLS=False&TlsVerifyCert=FALSE&defaultDeadline=2500");

        settings.UseTls.Should().BeFalse();
        settings.VerifyCertificate.Should().BeFalse();
        settings.Deadline.Should().Be(TimeSpan.FromMilliseconds(2500));
    }

    [Fact]
    public void the_kurrentdb_scheme_is_accepted_too()
    {
        EventStoreDbConnectionString.Parse("kurrentdb://localhost:2113?tls=false").Endpoints.Should().ContainSingle();
    }

    [Fact]
    public void ipv6_addresses_are_written_in_brackets()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://[::1]:2114?tls=false");

        settings.Endpoints.Should().Equal(new EventStoreDbEndpoint("::1", 2114));
        settings.Endpoints[0].ToUri(useTls: false).Should().Be(new Uri("http://[::1]:2114"));
    }

    [Fact]
    public void without_tls_the_node_is_addressed_over_plain_http2_and_with_tls_over_https()
    {
        var endpoint = new EventStoreDbEndpoint("node1", 2113);

        endpoint.ToUri(useTls: false).Should().Be(new Uri("http://node1:2113"));
        endpoint.ToUri(useTls: true).Should().Be(new Uri("https://node1:2113"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("http://localhost:2113", "must start with esdb://")]
    [InlineData("esdb+discover://cluster.local:2113", "gossip discovery")]
    [InlineData("esdb://", "names no host")]
    [InlineData("esdb://?tls=false", "names no host")]
    [InlineData("esdb://node1,,node2", "between commas is empty")]
    [InlineData("esdb://node1:port", "'port' in 'node1:port' is not a port number")]
    [InlineData("esdb://node1:0", "is not a port number")]
    [InlineData("esdb://node1:70000", "is not a port number")]
    [InlineData("esdb://node1:2113:2114", "more than one ':'")]
    [InlineData("esdb://[::1:2113", "does not close it")]
    [InlineData("esdb://no host:2113", "not a valid host name")]
    [InlineData("esdb://node1:2113/streams", "a path is not allowed")]
    [InlineData("esdb://node1?tls=yes", "'tls' must be true or false, not 'yes'")]
    [InlineData("esdb://node1?tlsVerifyCert=0", "'tlsVerifyCert' must be true or false")]
    [InlineData("esdb://node1?tls", "'tls' must be key=value")]
    [InlineData("esdb://node1?nodePreference=leader", "'nodePreference' is not supported (supported: tls, tlsVerifyCert, tlsCaFile, defaultDeadline)")]
    [InlineData("esdb://node1?tls=false&tls=true", "'tls' is given twice")]
    [InlineData("esdb://node1?defaultDeadline=-5", "positive number of milliseconds")]
    [InlineData("esdb://admin@node1", "credentials must be user:password")]
    [InlineData("esdb://admin:@node1", "password after 'user:' is empty")]
    public void a_malformed_string_is_rejected_with_a_message_naming_the_problem(string connectionString, string problem)
    {
        var parse = () => EventStoreDbConnectionString.Parse(connectionString);

        parse.Should().Throw<FormatException>().WithMessage($"Invalid EventStoreDB connection string*{problem}*");
    }

    [Fact]
    public void an_error_message_never_shows_the_password()
    {
        var parse = () => EventStoreDbConnectionString.Parse("esdb://admin:s3cret@node1:99999");

        parse.Should().Throw<FormatException>()
            .Which.Message.Should().NotContain("s3cret").And.Contain("admin:***@node1:99999");
    }

    [Fact]
    public void the_settings_print_without_the_password()
    {
        var settings = EventStoreDbConnectionString.Parse("esdb://admin:s3cret@node1,node2:2114?tls=false");

        settings.ToString().Should().Be("esdb://admin:***@node1:2113,node2:2114?tls=false&tlsVerifyCert=true");
    }
}
