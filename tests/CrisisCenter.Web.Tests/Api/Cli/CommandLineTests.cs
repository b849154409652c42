using System.Net;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Cli;
using CrisisCenter.Web.Hosting;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Integrity;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrisisCenter.Web.Tests.Api.Cli;

/// <summary>The administrative verbs of the same executable, run against a data directory without a web server.</summary>
public sealed class CommandLineTests
{
    private const string AdminPassword = "first-admin-password";

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task users_add_admin_creates_an_admin_who_signs_in_to_the_app()
    {
        using var data = new TemporaryDataDirectory();

        var exit = await RunAsync(data, "users", "add", "--admin", "--user", "root.admin", "--name", "Root Admin", "--agency", "MCI", "--password", AdminPassword);

        exit.Should().Be(0);
        await using var app = await CrisisCenterApp.StartAsync(data.Path);
        using var admin = await app.SignInAsync("root.admin", AdminPassword);
        var me = await admin.GetJsonAsync<AuthApi.Me>("/api/auth/me");
        me.Roles.Should().Equal("Admin");
        me.DisplayName.Should().Be("Root Admin");
        var created = await (await admin.PostJsonAsync(ApiRoutes.Users, new
        {
            userName = "press.first", displayName = "First Press Officer", password = "press-officer-password", agencyCode = "MES",
            roles = new[] { "PressOfficer" }, regionCode = (string?)null, canLogRegionalUpdates = false,
        })).ReadJsonAsync<UsersApi.UserView>(HttpStatusCode.Created);
        created.Roles.Should().Equal("PressOfficer");
        using var press = await app.SignInAsync("press.first", "press-officer-password");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task users_add_refuses_an_unknown_agency()
    {
        using var data = new TemporaryDataDirectory();

        var exit = await RunAsync(data, "users", "add", "--admin", "--user", "root.admin", "--agency", "NOPE", "--password", AdminPassword);

        exit.Should().Be(2);
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task verify_store_exits_0_on_an_intact_store_and_1_after_tampering()
    {
        using var data = new TemporaryDataDirectory();
        Guid incidentId;
        await using (var app = await CrisisCenterApp.StartAsync(data.Path))
        {
            using var staff = await AgencyStaff.EnrolAsync(app);
            incidentId = (await staff.PressOfficer.DeclareIncidentAsync()).IncidentId;
            await staff.PressOfficer.LogSituationUpdateAsync(incidentId);
        }

        (await RunAsync(data, "verify-store")).Should().Be(0);

        StoreFileTampering.RewriteEventData(data.StoreFile, IncidentStreams.For(incidentId), revision: 1,
            json => json["text"] = "Kazhydromet reports 4 mm of rain in 12 hours.");

        (await RunAsync(data, "verify-store")).Should().Be(1);
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task rebuild_read_models_rebuilds_the_node_read_store_from_the_event_store()
    {
        using var data = new TemporaryDataDirectory();
        Guid incidentId;
        IReadOnlyList<Application.Projections.TimelineEntry> timelineBefore;
        long lastPosition;
        var readStore = Path.Combine(data.Path, ReadStoreSettings.DefaultFileName);
        await using (var app = await CrisisCenterApp.StartAsync(data.Path))
        {
            using var staff = await AgencyStaff.EnrolAsync(app);
            incidentId = (await staff.PressOfficer.DeclareIncidentAsync()).IncidentId;
            await staff.PressOfficer.LogSituationUpdateAsync(incidentId);
            timelineBefore = await staff.PressOfficer.TimelineAsync(incidentId);
            lastPosition = await app.Store.GetLastPositionAsync();
            (await RunAsync(data, "rebuild-read-models")).Should().Be(1, "a running node holds its read store");
        }

        File.Exists(readStore).Should().BeTrue();
        var report = new StringWriter();
        (await RunAsync(data, report, "rebuild-read-models")).Should().Be(0);

        report.ToString().Should().Contain($"Read store rebuilt up to position {lastPosition}").And.Contain("events/s");
        using (var rebuilt = Application.Projections.ReadStore.Open(readStore, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
        {
            rebuilt.Checkpoint.Should().Be(lastPosition);
        }

        await using var restarted = await CrisisCenterApp.StartAsync(data.Path);
        using var press = await restarted.SignInAsync(AgencyStaff.PressOfficerName);
        (await press.TimelineAsync(incidentId)).Should().BeEquivalentTo(timelineBefore, o => o.WithStrictOrdering());
    }

    private static Task<int> RunAsync(TemporaryDataDirectory data, params string[] args) => RunAsync(data, TextWriter.Null, args);

    private static Task<int> RunAsync(TemporaryDataDirectory data, TextWriter output, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CrisisCenter:DataDirectory"] = data.Path })
            .Build();
        return CommandLine.RunAsync(args, configuration, contentRoot: data.Path, output);
    }
}
