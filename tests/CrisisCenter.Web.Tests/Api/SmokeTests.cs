using System.Net;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api;

public sealed class SmokeTests
{
    [Fact]
    public async Task app_starts_on_its_own_data_directory_and_is_ready()
    {
        await using var app = await CrisisCenterApp.StartAsync();
        using var client = app.Anonymous();
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        File.Exists(Path.Combine(app.DataDirectory, "crisiscenter.db")).Should().BeTrue("the store lives in the configured data directory");
    }
}
