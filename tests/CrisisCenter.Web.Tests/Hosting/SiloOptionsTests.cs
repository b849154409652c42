using CrisisCenter.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrisisCenter.Web.Tests.Hosting;

public sealed class SiloOptionsTests
{
    [Fact]
    public void the_embedded_default_is_one_localhost_silo()
    {
        var options = Read([]);
        options.ClusteringMode.Should().Be(ClusteringMode.Localhost);
        options.Validate().Should().BeEmpty();
    }

    [Fact]
    public void redis_clustering_reads_its_connection_and_advertised_address()
    {
        var options = Read(new()
        {
            ["Orleans:ClusteringMode"] = "Redis",
            ["Orleans:Redis"] = "redis:6379,password=secret",
            ["Orleans:AdvertisedIP"] = "10.0.0.7",
            ["Orleans:SiloPort"] = "11112",
        });
        options.ClusteringMode.Should().Be(ClusteringMode.Redis);
        options.SiloPort.Should().Be(11112);
        options.ResolveAdvertisedAddress().Should().Be(System.Net.IPAddress.Parse("10.0.0.7"));
    }

    [Fact]
    public void an_advertised_host_name_is_resolved_at_start()
    {
        var options = new SiloOptions { ClusteringMode = ClusteringMode.Redis, Redis = "127.0.0.1:6379", AdvertisedIP = "localhost" };
        System.Net.IPAddress.IsLoopback(options.ResolveAdvertisedAddress()!).Should().BeTrue();
    }

    [Fact]
    public void redis_clustering_without_a_redis_connection_is_refused_at_start()
    {
        var read = () => Read(new() { ["Orleans:ClusteringMode"] = "Redis" });
        read.Should().Throw<InvalidOperationException>().WithMessage("*Orleans:Redis is required with Orleans:ClusteringMode=Redis*");
    }

    [Fact]
    public void a_malformed_redis_connection_is_refused_at_start()
    {
        var read = () => Read(new() { ["Orleans:ClusteringMode"] = "Redis", ["Orleans:Redis"] = "redis:6379,nonsense=1" });
        read.Should().Throw<InvalidOperationException>().WithMessage("*Orleans:Redis is not a valid Redis configuration string*");
    }

    [Fact]
    public void orleans_own_clustering_key_is_pointed_to_clustering_mode()
    {
        var read = () => Read(new() { ["Orleans:Clustering"] = "Redis" });
        read.Should().Throw<InvalidOperationException>().WithMessage("*use Orleans:ClusteringMode=Redis*");
    }

    [Fact]
    public void an_unknown_clustering_mode_names_the_choices()
    {
        var read = () => Read(new() { ["Orleans:ClusteringMode"] = "Consul" });
        read.Should().Throw<InvalidOperationException>().WithMessage("*Orleans:ClusteringMode*Localhost or Redis*");
    }

    [Fact]
    public void every_problem_is_reported_at_once()
    {
        var options = new SiloOptions { SiloPort = 30000, GatewayPort = 30000, ClusterId = "", Redis = "redis:6379", AdvertisedIP = "10.0.0.7" };
        options.Validate().Should().HaveCount(4).And.Contain(p => p.Contains("two different ports"))
            .And.Contain(p => p.Contains("Orleans:ClusterId is empty"))
            .And.Contain(p => p.Contains("Orleans:Redis is set but Orleans:ClusteringMode is Localhost"))
            .And.Contain(p => p.Contains("Orleans:AdvertisedIP applies to Orleans:ClusteringMode=Redis only"));
    }

    [Fact]
    public async Task the_app_does_not_start_with_redis_clustering_and_no_redis_connection()
    {
        var start = () => CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?> { ["Orleans:ClusteringMode"] = "Redis" });
        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Orleans:Redis is required*");
    }

    [Fact]
    public void liveness_settings_reach_orleans_only_when_set()
    {
        var options = Read(new() { ["Orleans:Liveness:ProbeTimeout"] = "00:00:02", ["Orleans:Liveness:NumVotesForDeathDeclaration"] = "1" });
        var membership = new Orleans.Configuration.ClusterMembershipOptions();
        var missedByDefault = membership.NumMissedProbesLimit;

        options.Validate().Should().BeEmpty();
        options.Liveness.ApplyTo(membership);

        membership.ProbeTimeout.Should().Be(TimeSpan.FromSeconds(2));
        membership.NumVotesForDeathDeclaration.Should().Be(1);
        membership.NumMissedProbesLimit.Should().Be(missedByDefault, "an unset key keeps Orleans' default");
        Read([]).Liveness.IsSet.Should().BeFalse();
    }

    [Fact]
    public void liveness_settings_that_would_never_declare_a_silo_dead_are_refused_at_start()
    {
        var read = () => Read(new()
        {
            ["Orleans:Liveness:ProbeTimeout"] = "00:00:00",
            ["Orleans:Liveness:NumMissedProbesLimit"] = "0",
            ["Orleans:Liveness:NumVotesForDeathDeclaration"] = "-1",
            ["Orleans:Liveness:TableRefreshTimeout"] = "-00:00:01",
        });

        read.Should().Throw<InvalidOperationException>().WithMessage("*ProbeTimeout*NumMissedProbesLimit*NumVotesForDeathDeclaration*TableRefreshTimeout*");
    }

    private static SiloOptions Read(Dictionary<string, string?> settings) =>
        SiloSetup.ReadOptions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
