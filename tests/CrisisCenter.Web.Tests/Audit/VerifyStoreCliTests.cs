using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Cli;
using CrisisCenter.Web.Tests.Api.Integrity;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrisisCenter.Web.Tests.Audit;

/// <summary>The CLI's hash-chain walk names the stream, revision and event id of the first broken event.</summary>
public sealed class VerifyStoreCliTests
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task verify_store_names_the_first_broken_event_after_a_row_is_changed_in_sqlite()
    {
        using var data = new TemporaryDataDirectory();
        foreach (var user in new[] { "first.admin", "second.admin", "third.admin" })
            (await RunAsync(data, new StringWriter(), "users", "add", "--admin", "--user", user, "--agency", "MCI", "--password", "a long enough pass phrase")).Should().Be(0);
        var intact = new StringWriter();
        (await RunAsync(data, intact, "verify-store")).Should().Be(0);
        intact.ToString().Should().Contain("All 1 streams intact.");

        var tampered = StoreFileTampering.RewriteEventData(data.StoreFile, AccountDirectory.Stream, revision: 1, json => json["agencyCode"] = "MES");

        var report = new StringWriter();
        (await RunAsync(data, report, "verify-store")).Should().Be(1);
        report.ToString().Should().Contain($"BROKEN {AccountDirectory.Stream}: revision 1 (event {tampered})")
            .And.Contain("does not match its recorded hash");
    }

    private static Task<int> RunAsync(TemporaryDataDirectory data, TextWriter output, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CrisisCenter:DataDirectory"] = data.Path })
            .Build();
        return CommandLine.RunAsync(args, configuration, contentRoot: data.Path, output);
    }
}
