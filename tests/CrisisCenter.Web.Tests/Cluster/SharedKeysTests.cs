using System.Net;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.Cluster;

/// <summary>Bearer tokens and cookies are protected with the data-protection key ring: nodes behind one load
/// balancer must share it (CrisisCenter:DataProtectionKeysDirectory on a shared volume).</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class SharedKeysTests : IDisposable
{
    private readonly List<string> _directories = [];

    [Fact]
    public async Task a_token_issued_by_one_node_is_accepted_by_another_sharing_the_keys_directory()
    {
        var (storeFile, keys) = (StoreFile(), Directory());
        await using var nodeA = await StartAsync(storeFile, keys);
        await using var nodeB = await StartAsync(storeFile, keys);
        await nodeA.CreateUserAsync("press.mes", "MES", "PressOfficer");

        using var signedInOnA = await nodeA.SignInAsync("press.mes");
        using var sameTokenOnB = nodeB.Anonymous();
        sameTokenOnB.DefaultRequestHeaders.Authorization = signedInOnA.DefaultRequestHeaders.Authorization;

        var answer = await sameTokenOnB.GetAsync("/api/incidents");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        System.IO.Directory.EnumerateFiles(keys, "key-*.xml").Should().NotBeEmpty("the key ring lives in the configured folder");
    }

    [Fact]
    public async Task a_token_issued_by_one_node_is_refused_by_a_node_with_its_own_keys()
    {
        var storeFile = StoreFile();
        await using var nodeA = await StartAsync(storeFile, Directory());
        await using var nodeB = await StartAsync(storeFile, Directory());
        await nodeA.CreateUserAsync("press.mes", "MES", "PressOfficer");

        using var signedInOnA = await nodeA.SignInAsync("press.mes");
        using var sameTokenOnB = nodeB.Anonymous();
        sameTokenOnB.DefaultRequestHeaders.Authorization = signedInOnA.DefaultRequestHeaders.Authorization;

        (await sameTokenOnB.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await signedInOnA.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public void Dispose() => _directories.ForEach(DataDirectories.Delete);

    // Each node has its own data directory; they share only the store file and, when given, the keys folder.
    private Task<CrisisCenterApp> StartAsync(string storeFile, string keysDirectory) =>
        CrisisCenterApp.StartAsync(Directory(), new Dictionary<string, string?>
        {
            ["EventStore:ConnectionString"] = storeFile,
            ["CrisisCenter:DataProtectionKeysDirectory"] = keysDirectory,
        });

    private string StoreFile() => Path.Combine(Directory(), "shared.db");

    private string Directory()
    {
        var path = CrisisCenterApp.NewDataDirectory();
        _directories.Add(path);
        return path;
    }
}
