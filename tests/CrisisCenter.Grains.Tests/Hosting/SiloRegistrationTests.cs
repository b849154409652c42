using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CrisisCenter.Grains.Tests.Hosting;

[Collection(IncidentCluster.Name)]
public sealed class SiloRegistrationTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    [Fact]
    public void configured_collection_age_applies_to_incident_grains()
    {
        var collection = Fixture.SiloServices.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        collection.ClassSpecificCollectionAge.Should().Contain(typeof(IncidentGrain).FullName!, SiloWithSqliteStore.IncidentCollectionAge);
    }
}
