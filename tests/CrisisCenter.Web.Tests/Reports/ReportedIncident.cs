using CrisisCenter.Web.Tests.Api.Staff;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.Reports;

/// <summary>
/// One app with one incident driven through the API: a holding statement drafted, approved and published, then a
/// correction whose text tries markup and a spreadsheet formula; plus a restricted incident of another ministry.
/// </summary>
public sealed class ReportedIncident : IAsyncLifetime
{
    public const string HostileHeadline = "=HYPERLINK(\"http://evil\") <script>alert(1)</script>";

    public CrisisCenterApp App { get; private set; } = null!;
    public HttpClient Officer { get; private set; } = null!;
    public HttpClient Approver { get; private set; } = null!;
    public HttpClient OtherMinistry { get; private set; } = null!;
    public Guid IncidentId { get; private set; }
    public Guid RestrictedIncidentId { get; private set; }
    public Guid HoldingId { get; private set; }
    public Guid CorrectionId { get; private set; }

    public async Task InitializeAsync()
    {
        App = await CrisisCenterApp.StartAsync();
        await App.CreateUserAsync("rep.officer", "MES", "PressOfficer");
        await App.CreateUserAsync("rep.chief", "MES", "Approver");
        await App.CreateUserAsync("rep.moh", "MOH", "PressOfficer");
        Officer = await App.SignInAsync("rep.officer");
        Approver = await App.SignInAsync("rep.chief");
        OtherMinistry = await App.SignInAsync("rep.moh");

        IncidentId = (await Post(Officer, "api/incidents", Declaration("Flooding in Almaty", "Normal"))).IncidentId;
        RestrictedIncidentId = (await Post(OtherMinistry, "api/incidents", Declaration("Suspected outbreak", "Restricted"))).IncidentId;

        HoldingId = await PublishAsync("Holding", "Flood warning", null);
        CorrectionId = await PublishAsync("Correction", HostileHeadline, HoldingId);
        // The reports are compared with the stored events: wait until every post's outcome is stored.
        await Officer.WaitUntilPublicationSettledAsync(App, IncidentId);
    }

    private async Task<Guid> PublishAsync(string kind, string headline, Guid? references)
    {
        var statements = $"api/incidents/{IncidentId:D}/statements";
        var id = (await Post(Officer, statements, new
        {
            kind,
            content = new Dictionary<string, object>
            {
                ["kk"] = new { headline = headline + " (kk)", body = "Өзен маңынан аулақ болыңыз." },
                ["ru"] = new { headline = headline + " (ru)", body = "Держитесь подальше от реки." },
            },
            referencesStatementId = references,
        })).Id!.Value;
        await Post(Officer, $"{statements}/{id:D}/submit", new { revision = 1 });
        var hash = (await Officer.GetFromJsonAsync<JsonElement>($"{statements}/{id:D}", ApiSession.Json)).GetProperty("revisions")[0].GetProperty("contentHash").GetString();
        await Post(Approver, $"{statements}/{id:D}/approve", new { revision = 1, contentHash = hash });
        // The website delivers (the statement becomes public, which the KPIs measure); the switched-off Telegram channel never does.
        await Post(Officer, $"{statements}/{id:D}/publish", new { revision = 1, contentHash = hash, channels = new[] { "website", "telegram" } });
        return id;
    }

    private static object Declaration(string title, string visibility) => new
    {
        title, description = "Declared by the report tests.", category = "Met", severity = "Moderate", regions = new[] { "KZ-75" }, visibility,
    };

    public static async Task<CommandAccepted> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, ApiSession.Json);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CommandAccepted>(ApiSession.Json))!;
    }

    public async Task DisposeAsync()
    {
        Officer.Dispose();
        Approver.Dispose();
        OtherMinistry.Dispose();
        await App.DisposeAsync();
    }
}
