using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.Reports;

public sealed class ReportsApiTests(ReportedIncident incident) : IClassFixture<ReportedIncident>
{
    private string Incident => $"api/incidents/{incident.IncidentId:D}";

    private async Task<JsonElement> ReportJsonAsync() =>
        await incident.Officer.GetFromJsonAsync<JsonElement>($"{Incident}/report.json", ApiSession.Json);

    private async Task<DateTimeOffset> PublishedAtAsync(Guid statementId)
    {
        var report = await ReportJsonAsync();
        var statement = report.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("statementId").GetGuid() == statementId);
        return statement.GetProperty("publication").GetProperty("published").GetProperty("at").GetDateTimeOffset();
    }

    private async Task<JsonElement> AsOfAsync(DateTimeOffset at) =>
        await incident.Officer.GetFromJsonAsync<JsonElement>(
            $"{Incident}/as-of?at={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}", ApiSession.Json);

    private static Dictionary<Guid, string> StatusById(JsonElement record) =>
        record.GetProperty("statements").EnumerateArray().ToDictionary(s => s.GetProperty("statementId").GetGuid(), s => s.GetProperty("status").GetString()!);

    [Fact]
    public async Task as_of_the_publication_instant_the_statement_is_public_and_a_tick_before_it_is_not()
    {
        var published = await PublishedAtAsync(incident.HoldingId);

        StatusById(await AsOfAsync(published.AddTicks(-1))).Should().NotContainKey(incident.HoldingId);
        StatusById(await AsOfAsync(published))[incident.HoldingId].Should().Be("Published");
    }

    [Fact]
    public async Task as_of_the_correction_instant_the_original_reads_corrected()
    {
        var corrected = await PublishedAtAsync(incident.CorrectionId);

        StatusById(await AsOfAsync(corrected.AddTicks(-1)))[incident.HoldingId].Should().Be("Published");
        var record = await AsOfAsync(corrected);
        StatusById(record)[incident.HoldingId].Should().Be("Corrected");
        StatusById(record)[incident.CorrectionId].Should().Be("Published");
        record.GetProperty("channelPosts").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task as_of_needs_a_moment()
    {
        (await incident.Officer.GetAsync($"{Incident}/as-of")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await incident.Officer.GetAsync($"{Incident}/as-of?at=yesterday")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("as-of?at=2030-01-01T00:00:00Z")]
    [InlineData("report")]
    [InlineData("report.html")]
    [InlineData("report.csv")]
    public async Task a_restricted_incident_is_not_found_for_other_agencies(string path)
    {
        var restricted = $"api/incidents/{incident.RestrictedIncidentId:D}/{path}";

        (await incident.Officer.GetAsync(restricted)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await incident.OtherMinistry.GetAsync(restricted)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task reports_need_a_signed_in_user() =>
        (await incident.App.Anonymous().GetAsync($"{Incident}/report.html")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task the_json_report_traces_approvals_and_kpis_to_event_positions()
    {
        var report = await ReportJsonAsync();
        var stored = await incident.App.StoredEventsAsync(incident.IncidentId);
        var positions = stored.Select(e => e.Position).ToHashSet();

        report.GetProperty("eventCount").GetInt32().Should().Be(stored.Count);
        report.GetProperty("timeline").GetArrayLength().Should().Be(stored.Count);
        var holding = report.GetProperty("statements")[0];
        var approval = holding.GetProperty("revisions")[0].GetProperty("approvals")[0];
        approval.GetProperty("approved").GetProperty("by").GetString().Should().NotBeNullOrEmpty();
        positions.Should().Contain(approval.GetProperty("approved").GetProperty("position").GetInt64());
        var first = report.GetProperty("kpiEvidence").GetProperty("firstPublicStatement");
        positions.Should().Contain(first.GetProperty("fromPosition").GetInt64()).And.Contain(first.GetProperty("toPosition").GetInt64());
        report.GetProperty("kpis").GetProperty("correctionsPublished").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task the_html_report_is_printable_encodes_user_text_and_runs_no_script()
    {
        var response = await incident.Officer.GetAsync($"{Incident}/report.html");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'");
        html.Should().NotContain("<script", "user text must never become markup");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.Should().Contain("<link rel=\"stylesheet\" href=\"/css/report.css\">");
        html.Should().Contain("<svg").And.Contain("Corrected by Correction");
        var css = await incident.App.Anonymous().GetStringAsync("/css/report.css");
        css.Should().Contain("@media print");
    }

    [Fact]
    public async Task the_html_report_writes_times_on_the_office_clock_which_the_dashboard_is_told()
    {
        var office = await incident.Officer.GetFromJsonAsync<JsonElement>("api/reference/office", ApiSession.Json);
        office.GetProperty("timeZone").GetString().Should().Be("Asia/Almaty", "CrisisCenter:TimeZone defaults to the Almaty office");

        var declaredAt = (await ReportJsonAsync()).GetProperty("declaredAt").GetDateTimeOffset();
        var html = await incident.Officer.GetStringAsync($"{Incident}/report.html");

        var almaty = TimeZoneInfo.ConvertTime(declaredAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"));
        html.Should().Contain($"<dt>Declared</dt><dd>{almaty.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +05:00 by");
        html.Should().Contain("<dt>Times</dt><dd>Asia/Almaty");
    }

    [Fact]
    public async Task the_csv_timeline_quotes_per_rfc_4180_and_defuses_formulas()
    {
        var response = await incident.Officer.GetAsync($"{Incident}/report.csv");
        var csv = await response.Content.ReadAsStringAsync();
        var stored = await incident.App.StoredEventsAsync(incident.IncidentId);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        csv.Should().StartWith("position,revision,at,type,kind,actor_id,actor_name,agency,language,summary,");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(stored.Count + 1);
    }

    [Fact]
    public async Task an_unknown_report_format_is_refused() =>
        (await incident.Officer.GetAsync($"{Incident}/report?format=pdf")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
}

public sealed class AgencyKpisApiTests(ReportedIncident incident) : IClassFixture<ReportedIncident>
{
    [Fact]
    public async Task an_agency_sees_its_incidents_pooled()
    {
        var kpis = await incident.Officer.GetFromJsonAsync<JsonElement>("api/kpis?from=2000-01-01T00:00:00Z", ApiSession.Json);

        kpis.GetProperty("agency").GetString().Should().Be("MES");
        kpis.GetProperty("incidents").EnumerateArray().Select(i => i.GetGuid()).Should().Equal(incident.IncidentId);
        kpis.GetProperty("publishedStatements").GetInt32().Should().Be(2);
        kpis.GetProperty("correctionsPublished").GetInt32().Should().Be(1);
        kpis.GetProperty("approvalTurnaround").GetProperty("count").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task restricted_incidents_of_another_agency_never_count()
    {
        var theirs = await incident.Officer.GetFromJsonAsync<JsonElement>("api/kpis?agency=MOH&from=2000-01-01T00:00:00Z", ApiSession.Json);
        var own = await incident.OtherMinistry.GetFromJsonAsync<JsonElement>("api/kpis?from=2000-01-01T00:00:00Z", ApiSession.Json);

        theirs.GetProperty("incidents").GetArrayLength().Should().Be(0);
        own.GetProperty("incidents").EnumerateArray().Select(i => i.GetGuid()).Should().Equal(incident.RestrictedIncidentId);
    }

    [Fact]
    public async Task a_period_outside_the_incidents_counts_nothing_and_a_reversed_one_is_refused()
    {
        var empty = await incident.Officer.GetFromJsonAsync<JsonElement>("api/kpis?from=2000-01-01T00:00:00Z&to=2000-02-01T00:00:00Z", ApiSession.Json);
        empty.GetProperty("incidents").GetArrayLength().Should().Be(0);
        (await incident.Officer.GetAsync("api/kpis?from=2001-01-01T00:00:00Z&to=2000-01-01T00:00:00Z")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
