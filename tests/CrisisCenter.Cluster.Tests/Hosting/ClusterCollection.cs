namespace CrisisCenter.Cluster.Tests.Hosting;

/// <summary>The cluster tests run one after another: each starts several app processes, and two such clusters at
/// once on a 2-core machine would measure each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Real app processes in a cluster";
}
