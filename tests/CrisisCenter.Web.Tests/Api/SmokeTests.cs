using System.Net;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api;

[Collection(ApiWithStaff.Collection)]
public sealed class SmokeTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task app_starts_on_its_own_data_directory_and_is_ready()
    {
        using var client = api.App.Anonymous();
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        File.Exists(Path.Combine(api.App.DataDirectory, "crisiscenter.db")).Should().BeTrue("the store lives in the configured data directory");
        File.Exists(Path.Combine(api.App.DataDirectory, "readmodels.db")).Should().BeTrue("the node's read store lives beside it");
    }
}
