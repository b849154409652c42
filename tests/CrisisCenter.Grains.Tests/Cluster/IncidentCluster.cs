namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>Every test that talks to the cluster shares one silo and one store file, one test at a time
/// (serial, so <c>[Fact(Timeout)]</c> is honoured and forced deactivations cannot surprise a neighbour).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IncidentCluster : ICollectionFixture<IncidentClusterFixture>
{
    public const string Name = "Incident cluster";

    /// <summary>Upper bound of any one cluster test, so a hang fails instead of stalling the run.</summary>
    public const int TestTimeout = 30_000;
}
