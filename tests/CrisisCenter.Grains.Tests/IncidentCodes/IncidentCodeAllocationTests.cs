using System.Text.Json;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.IncidentCodes;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Tests.Cluster;

namespace CrisisCenter.Grains.Tests.IncidentCodes;

/// <summary>Each test owns a year, because a year's stream is shared by everything allocated in it.</summary>
[Collection(IncidentCluster.Name)]
public sealed class IncidentCodeAllocationTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    private IIncidentCodeGrain CodesOf(int year) => Fixture.Grains.GetGrain<IIncidentCodeGrain>(year);

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task codes_are_sequential_within_a_year_and_recorded_in_the_years_stream()
    {
        var incidents = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };

        var codes = new List<string>();
        foreach (var incident in incidents)
            codes.Add(await CodesOf(2031).Allocate(incident));

        codes.Should().Equal("INC-2031-0001", "INC-2031-0002", "INC-2031-0003");
        var stored = await StoredEventsOf("code-allocations-2031");
        stored.Should().OnlyContain(e => e.Type == "incident_code.allocated.v1");
        stored.Select(e => JsonDocument.Parse(e.Data).RootElement)
            .Select(data => (data.GetProperty("incidentId").GetGuid(), data.GetProperty("number").GetInt32()))
            .Should().Equal((incidents[0], 1), (incidents[1], 2), (incidents[2], 3));
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task allocating_again_for_the_same_incident_returns_its_code_and_records_nothing()
    {
        var flood = Guid.NewGuid();
        var fire = Guid.NewGuid();

        var first = await CodesOf(2032).Allocate(flood);
        await CodesOf(2032).Allocate(fire);
        var again = await CodesOf(2032).Allocate(flood);

        again.Should().Be(first).And.Be("INC-2032-0001");
        (await StoredEventsOf("code-allocations-2032")).Should().HaveCount(2);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task allocations_survive_reactivation()
    {
        var flood = Guid.NewGuid();
        var fire = Guid.NewGuid();
        await CodesOf(2033).Allocate(flood);
        await CodesOf(2033).Allocate(fire);

        await Fixture.Grains.DeactivateAsync(CodesOf(2033));

        (await CodesOf(2033).Allocate(fire)).Should().Be("INC-2033-0002");
        (await CodesOf(2033).Allocate(Guid.NewGuid())).Should().Be("INC-2033-0003");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task years_count_separately()
    {
        (await CodesOf(2034).Allocate(Guid.NewGuid())).Should().Be("INC-2034-0001");
        (await CodesOf(2035).Allocate(Guid.NewGuid())).Should().Be("INC-2035-0001");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task concurrent_allocations_get_distinct_consecutive_numbers()
    {
        var codes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CodesOf(2036).Allocate(Guid.NewGuid())));

        codes.Should().BeEquivalentTo(Enumerable.Range(1, 10).Select(n => $"INC-2036-{n:D4}"));
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task an_allocation_written_by_another_activation_is_respected()
    {
        await CodesOf(2037).Allocate(Guid.NewGuid());
        var takenElsewhere = Guid.NewGuid();
        await Fixture.Store.AppendAsync(IncidentCodeStreams.For(2037), ExpectedRevision.Exact(0),
            [new IncidentCodeAllocated(takenElsewhere, 2).ToEventData(2037)]);

        var next = await CodesOf(2037).Allocate(Guid.NewGuid());
        var sameAsElsewhere = await CodesOf(2037).Allocate(takenElsewhere);

        next.Should().Be("INC-2037-0003");
        sameAsElsewhere.Should().Be("INC-2037-0002");
    }

    [Fact]
    public void codes_have_at_least_four_digits_and_grow_beyond_them()
    {
        IncidentCode.Format(2026, 42).Should().Be("INC-2026-0042");
        IncidentCode.Format(2026, 12345).Should().Be("INC-2026-12345");
    }

    [Fact]
    public void code_streams_share_the_incident_prefix_but_are_not_taken_for_incidents() =>
        IncidentStreams.TryParse(IncidentCodeStreams.For(2026), out _).Should().BeFalse();
}
