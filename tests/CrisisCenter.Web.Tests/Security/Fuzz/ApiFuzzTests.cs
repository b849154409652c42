using System.Collections.Concurrent;
using CsCheck;
using Xunit.Abstractions;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>
/// Issue 7's fuzz: generated malformed, oversized, wrongly typed and hostile requests against every endpoint of the
/// running app (enumerated from its EndpointDataSource, so a new endpoint is fuzzed without touching this test), as
/// anonymous callers and signed-in staff of each role. No answer is ever 5xx, every 4xx is a ProblemDetails document,
/// and a refused request never changes the store.
/// </summary>
public sealed class ApiFuzzTests(FuzzWorld world, ITestOutputHelper output) : IClassFixture<FuzzWorld>
{
    private const int RefusedRequests = 10_000;
    private const int HostileRequests = 800;

    /// <summary>
    /// Every request here carries a defect that must get it refused (or is a read), so these run in parallel and the
    /// store's head must not move at all: nothing else writes to this app's store while they run.
    /// </summary>
    [Fact(Timeout = 240_000)]
    public async Task requests_that_must_be_refused_never_fail_the_server_and_never_reach_the_store()
    {
        var before = await world.App.Store.GetLastPositionAsync();
        var statuses = new ConcurrentDictionary<int, int>();
        var cost = new ConcurrentDictionary<string, long>();

        await Gen.Int[0, 1_000_000].Array[FuzzCases.Decisions]
            .Select(numbers => FuzzCases.Refused(world, numbers))
            .SampleAsync(async request =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var answer = await SendAsync(request);
                cost.AddOrUpdate(request.Target.ToString(), System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks, (_, t) => t + System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
                statuses.AddOrUpdate(answer.IsKestrelProtocolRefusal ? -answer.Status : answer.Status, 1, (_, n) => n + 1);
                Check(request, answer);
                if (request.Defect is not null && answer.Status is >= 200 and < 300)
                    throw new Exception($"A request with {request.Defect} was accepted: {answer}");
            }, iter: RefusedRequests, threads: 8, print: Describe, writeLine: output.WriteLine);

        output.WriteLine("Answers (negative: Kestrel's own refusal): " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Slowest endpoints (total seconds): " + string.Join(", ", cost.OrderByDescending(c => c.Value).Take(8).Select(c => $"{c.Key} {TimeSpan.FromTicks(c.Value).TotalSeconds:0.0}")));
        (await world.App.Store.GetLastPositionAsync()).Should().Be(before, "refused requests and reads append nothing");
        statuses.Keys.Should().Contain([400, 401, 404, 413, 415], "the fuzz reaches each kind of refusal");
    }

    /// <summary>
    /// Requests with real ids and plausible bodies made hostile (unicode edge cases, control characters, wrong kinds,
    /// nulls, unknown fields, huge strings, garbage headers): some may be accepted, so they run one at a time and the
    /// store's head is read around each: a refused one must not have moved it.
    /// </summary>
    [Fact(Timeout = 240_000)]
    public async Task hostile_requests_are_refused_with_a_problem_or_accepted_and_a_refusal_appends_nothing()
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var start = await world.App.Store.GetLastPositionAsync();

        await Gen.Int[0, 1_000_000].Array[FuzzCases.Decisions]
            .Select(numbers => FuzzCases.Hostile(world, numbers))
            .SampleAsync(async request =>
            {
                var before = await world.App.Store.GetLastPositionAsync();
                var answer = await SendAsync(request);
                var after = await world.App.Store.GetLastPositionAsync();
                statuses.AddOrUpdate(answer.IsKestrelProtocolRefusal ? -answer.Status : answer.Status, 1, (_, n) => n + 1);
                Check(request, answer);
                if (answer.Status >= 400 && after != before)
                    throw new Exception($"A refused request ({answer.Status}) moved the store's head from {before} to {after}: {answer}");
            }, iter: HostileRequests, threads: 1, print: Describe, writeLine: output.WriteLine);

        output.WriteLine("Answers (negative: Kestrel's own refusal): " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        statuses.Keys.Should().Contain(400, "hostile input is refused as bad input");
        statuses.Keys.Where(s => s is >= 200 and < 300).Should().NotBeEmpty("some hostile but valid requests are accepted, so the refusals are not only a broken setup");

        // The text policy: whatever was accepted, no stored string holds a character the policy refuses (those are
        // what took the feeds and CAP down), whichever endpoint and field the hostile text went to.
        var scanned = 0;
        await foreach (var recorded in world.App.Store.ReadAllAsync(start))
        {
            scanned++;
            using var data = System.Text.Json.JsonDocument.Parse(recorded.Data);
            foreach (var text in StringsIn(data.RootElement))
                if (FirstRefused(text) is { } refused)
                    throw new Exception($"{recorded.Type} in {recorded.Stream} stored U+{(int)refused:X4} in \"{text}\"");
        }

        output.WriteLine($"Stored events checked against the text policy: {scanned}");
    }

    // The text policy's list (src/CrisisCenter.Domain/README.md), written out again rather than calling TextPolicy,
    // so the check does not share a mistake with the code under test. Strings come back from JSON as .NET strings,
    // so a lone surrogate shows as one.
    private static char? FirstRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i)) { i++; continue; }
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c)
                || c is '\uFFFE' or '\uFFFF' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
                return c;
        }

        return null;
    }

    private static IEnumerable<string> StringsIn(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [element.GetString()!],
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringsIn(p.Value).Prepend(p.Name)),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsIn),
        _ => [],
    };

    [Fact]
    public void every_endpoint_of_the_app_is_a_fuzz_target()
    {
        world.Targets.Should().HaveCountGreaterThan(40);
        world.MutatingTargets.Where(t => t.Body is not null).Should().HaveCountGreaterThan(20, "the command endpoints take JSON bodies");
        world.Targets.Select(t => t.ToString()).Should().Contain(["POST /api/incidents/{id:guid}/statements/", "GET /api/incidents/{id:guid}/timeline"]);
    }

    private async Task<FuzzAnswer> SendAsync(FuzzRequest request)
    {
        using var message = request.ToMessage(world.App.BaseAddress);
        using var response = await world.Client(request.Caller).SendAsync(message);
        return await FuzzAnswer.ReadAsync(response);
    }

    private static void Check(FuzzRequest request, FuzzAnswer answer)
    {
        if (answer.Status >= 500) throw new Exception($"The server failed: {answer}");
        if (answer.Status >= 400 && !IsOutsideTheApi(request, answer) && answer.ProblemDetailsFault() is { } fault)
            throw new Exception($"A {answer.Status} answer is not a ProblemDetails document ({fault}): {answer}");
    }

    /// <summary>
    /// Answers that are not the API's to shape (they are still never 5xx): the hub's endpoints speak SignalR's transport
    /// protocol (plain-text errors its clients expect); the OpenAPI document and the Scalar reference are framework
    /// tooling that answers an unknown document name in plain text; and Kestrel refuses a malformed request line on its
    /// own, before the app that writes ProblemDetails sees the request.
    /// </summary>
    private static bool IsOutsideTheApi(FuzzRequest request, FuzzAnswer answer) =>
        request.Target.IsHub || request.Target.IsTooling || answer.IsKestrelProtocolRefusal;

    private static string Describe(FuzzRequest request) => request.ToString();
}
