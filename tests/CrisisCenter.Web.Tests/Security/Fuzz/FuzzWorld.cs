using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Security.Matrix;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>
/// The app the fuzz runs against, alone on its own store so the store's head moves only by the fuzz's requests:
/// reminders are evaluated once an hour (nothing is due while the test runs) and rate limits are lifted (they are
/// tested on their own; here they would turn most requests into 429 before they reach anything interesting).
/// Staff of each role are signed in, and an incident of each visibility with a statement, a situation update and a
/// rumour, a template and a user to disable give the fuzz real ids to aim at.
/// </summary>
public sealed class FuzzWorld : IAsyncLifetime
{
    private static readonly StaffMember[] Callers_ = [Staff.LeadPress, Staff.LeadApprover, Staff.LeadAdmin, Staff.OutsidePress, Staff.RegionObserver];

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private HttpClient _anonymous = null!;
    private Guid _normal, _restricted, _statement, _update, _rumor, _template;
    private string _victim = "";

    public CrisisCenterApp App { get; private set; } = null!;
    public IReadOnlyList<FuzzTarget> Targets { get; private set; } = [];
    public IReadOnlyList<FuzzTarget> MutatingTargets { get; private set; } = [];

    /// <summary>The targets without the framework's API-description tooling (the OpenAPI document and the Scalar
    /// reference): building the document per request costs more than the rest of the API together, so the fuzz
    /// aims there only now and then.</summary>
    public IReadOnlyList<FuzzTarget> ApiTargets { get; private set; } = [];

    /// <summary>User names of the signed-in callers, and null for an anonymous one.</summary>
    public IReadOnlyList<string?> Callers { get; } = [null, .. Callers_.Select(m => m.UserName)];
    public IReadOnlyList<string> SignedInCallers { get; } = [.. Callers_.Select(m => m.UserName)];

    public HttpClient Client(string? caller) => caller is null ? _anonymous : _clients[caller];

    public async Task InitializeAsync()
    {
        App = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:CommandsPerMinute"] = "1000000",
            ["RateLimits:SignInsPerMinute"] = "100000",
            ["CrisisCenter:Reminders:EvaluationInterval"] = "01:00:00",
            ["CrisisCenter:Reminders:ApprovalWaitingThreshold"] = "7.00:00:00",
            ["Logging:LogLevel:Default"] = "Error",
        });
        _anonymous = NewClient(null);
        var directory = App.Services.GetRequiredService<AccountDirectory>();
        foreach (var member in Callers_)
        {
            await directory.RegisterAsync(member.ToAccount(), "fuzz");
            using var signedIn = await App.SignInAsync(member.UserName);
            _clients[member.UserName] = NewClient(signedIn.DefaultRequestHeaders.Authorization);
        }

        _victim = (await directory.RegisterAsync(new NewAccount("fuzz.victim", "Victim", CrisisCenterApp.Password, "MIA", ["PressOfficer"]), "fuzz")).UserId;
        var press = _clients[Staff.LeadPress.UserName];
        _normal = (await PostAsync(press, "/api/incidents", IncidentArrangements.Declaration("Normal"))).GetProperty("incidentId").GetGuid();
        _restricted = (await PostAsync(press, "/api/incidents", IncidentArrangements.Declaration("Restricted"))).GetProperty("incidentId").GetGuid();
        _statement = (await PostAsync(press, $"/api/incidents/{_normal}/statements", IncidentArrangements.Statement())).GetProperty("id").GetGuid();
        _update = (await PostAsync(press, $"/api/incidents/{_normal}/updates", IncidentArrangements.SituationUpdate())).GetProperty("id").GetGuid();
        _rumor = (await PostAsync(press, $"/api/incidents/{_normal}/rumors", IncidentArrangements.Rumor())).GetProperty("id").GetGuid();
        _template = (await PostAsync(_clients[Staff.LeadAdmin.UserName], "/api/templates", new
        {
            name = "Fuzz template",
            category = "Met",
            content = new Dictionary<string, object> { ["ru"] = new { headline = "Паводок", body = "Текст." } },
        })).GetProperty("templateId").GetGuid();

        Targets = FuzzTarget.From(App.Services.GetRequiredService<EndpointDataSource>());
        MutatingTargets = [.. Targets.Where(t => t.Mutates && !t.IsHub)];
        ApiTargets = [.. Targets.Where(t => !t.IsTooling)];
    }

    /// <summary>A well-formed value for a route parameter, by its name; a new parameter name gets a placeholder.</summary>
    internal string RouteValue(string name, Func<int, int> next) => name switch
    {
        "id" => new[] { _normal, _restricted, _normal, Guid.NewGuid() }[next(4)].ToString(),
        "statementId" => _statement.ToString(),
        "updateId" => _update.ToString(),
        "rumorId" => _rumor.ToString(),
        "templateId" => _template.ToString(),
        "userId" => _victim,
        "agencyCode" => new[] { "MOH", "MENR", "MES" }[next(3)],
        "language" => new[] { "ru", "kk", "en" }[next(3)],
        "format" => new[] { "html", "csv", "json" }[next(3)],
        "documentName" => "v1",
        _ => "x",
    };

    public string QueryValue(QueryParameter parameter) => parameter.Name switch
    {
        "q" => "Flood",
        "after" => "1",
        "limit" => "10",
        "agency" => "MES",
        "from" or "to" or "at" => DateTimeOffset.UtcNow.ToString("O"),
        "format" => "csv",
        _ => Hint(parameter.Name) ?? (parameter.Type == typeof(string) ? "x" : parameter.Type.IsEnum ? Enum.GetNames(parameter.Type)[0] : "1"),
    };

    /// <summary>Plausible reference values for body fields, by field name.</summary>
    public string? Hint(string field) => field switch
    {
        "regions" or "region" or "regionCode" => Staff.IncidentRegion,
        "leadAgency" => Staff.LeadAgency,
        "participatingAgencies" or "participatingAgency" or "agencyCode" => "MENR",
        "channels" or "channel" => "feed",
        "roles" or "role" => "PressOfficer",
        "userName" => "fuzz-" + Guid.NewGuid().ToString("N")[..8], // never an existing account: wrong passwords lock nobody out
        "password" => "a long enough pass phrase",
        "templateId" => _template.ToString(),
        "referencesStatementId" => _statement.ToString(),
        "referencesRumorId" => _rumor.ToString(),
        "link" => "https://example.org/post/1",
        "contentHash" => "sha256:0000",
        _ => null,
    };

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _anonymous.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Bodies go with Expect: 100-continue (see <see cref="FuzzRequest.ToMessage"/>): the client waits
    /// for the server's go-ahead however loaded the machine is, so a body the server refuses unread is never half-sent
    /// into a closed connection.</summary>
    private HttpClient NewClient(System.Net.Http.Headers.AuthenticationHeaderValue? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
        {
            BaseAddress = App.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Arranging the fuzz: POST {path} answered {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
