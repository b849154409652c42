using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>An external client, set up as any client of CrisisCenter's grains must be.</summary>
public sealed class ClientWithDomainSerialization : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Services.AddSerializer(serializer => serializer.AddCrisisCenterSerialization());
}
