using System.Net;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.Cli;

/// <summary>
/// A SQLite store filled by the real app through its API (accounts, incidents with their codes, situation updates,
/// multilingual statement drafts), then closed. Tests take their own copy of the file with <see cref="CopyTo"/>.
/// </summary>
public sealed class AppFilledStore : IAsyncLifetime
{
    public const string PressOfficer = "press.mes";
    public const string FileName = "crisiscenter.db";

    private string _directory = "";

    public IReadOnlyList<Guid> Incidents { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // A directory of our own: the store is copied from it after the app has stopped.
        _directory = CrisisCenterApp.NewDataDirectory();
        await using var app = await CrisisCenterApp.StartAsync(_directory);
        await app.CreateUserAsync(PressOfficer, "MES", "PressOfficer");
        await app.CreateUserAsync("approver.mes", "MES", "Approver");
        using var client = await app.SignInAsync(PressOfficer);
        var incidents = new List<Guid>();
        foreach (var river in new[] { "Ural", "Irtysh", "Ili" })
        {
            var declared = await (await client.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(title: $"Flood on the {river} river", category: "Met")))
                .ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);
            incidents.Add(declared.IncidentId);
            for (var reading = 1; reading <= 3; reading++)
                await (await client.PostJsonAsync(ApiRoutes.Updates(declared.IncidentId), ApiBodies.SituationUpdate(text: $"{river}: gauge reading {reading} rose by {reading * 10} cm.")))
                    .ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);
            await client.DraftStatementAsync(declared.IncidentId);
        }
        Incidents = incidents;
    }

    /// <summary>Copies the store (with its WAL, if any) into <paramref name="directory"/>; returns the file's path.</summary>
    public string CopyTo(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(_directory, FileName + "*"))
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        return Path.Combine(directory, FileName);
    }

    public Task DisposeAsync()
    {
        DataDirectories.Delete(_directory);
        return Task.CompletedTask;
    }
}
