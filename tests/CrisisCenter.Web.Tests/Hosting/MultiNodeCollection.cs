namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>Tests that start two or more app nodes (each a Kestrel server and a silo) run one after another, so
/// together with the other collections only a few hosts share the machine's cores at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MultiNodeCollection
{
    public const string Name = "Several app nodes";
}
