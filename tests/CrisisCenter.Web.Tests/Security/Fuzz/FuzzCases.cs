using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>
/// Turns CsCheck's random numbers into requests. Every decision consumes the next number modulo its options, and
/// option 0 is always the plainest (no decoration, the first value): CsCheck shrinks numbers towards 0, so a failing
/// request shrinks towards the simplest request that still fails.
/// </summary>
public static class FuzzCases
{
    public const int Decisions = 48;

    private const string Anonymous = "anonymous caller";
    private const string BadId = "non-id route value";
    private const string Truncated = "truncated JSON";
    private const string InvalidUtf8InString = "invalid UTF-8 inside a string";
    private const string InvalidUtf8Outside = "invalid UTF-8 between tokens";
    private const string DeepNesting = "nesting deeper than the limit";
    private const string Duplicate = "a field given twice";
    private const string NotAnObject = "a JSON value that is not an object";
    private const string NotJson = "a body that is not JSON";
    private const string WrongContentType = "a content type that is not JSON";
    private const string Oversized = "a body over the size limit";

    private static readonly string[] BodyDefects = [Truncated, InvalidUtf8InString, InvalidUtf8Outside, DeepNesting, Duplicate, NotAnObject, NotJson, WrongContentType, Oversized];

    private static readonly string[] NotAnObjectBodies = ["[]", "42", "\"text\"", "true", "[{}]", "-0", "1e400", "[[[]]]", "\"\\uD800\""];

    private static readonly string[] NotJsonBodies =
    [
        "<incident><title>x</title></incident>", "title=x&severity=Severe", "{'title': 'single quotes'}", "{title: \"unquoted\"}",
        "{\"title\": \"x\",}", "/* comment */ {\"title\": \"x\"}", "{\"title\": NaN}", "{\"title\": \"x\"} trailing", "{\"title\" \"x\"}",
        "{\"title\": \"unterminated", "{\"title\": 01}", "{\"title\": +1}", "{\"title\": .5}", "{\"title\": \"\\x41\"}", "{\"title\": \"\\u12\"}",
        "{\"title\": \"tab\there\"}", "{\"a\":1}{\"a\":2}", "\u0000", "{\"title\":\"x\"\u0000}",
    ];

    private static readonly string[] UnknownFieldNames = ["unknownField", "$type", "$id", "$ref", "__proto__", "constructor", "Title", "TITLE", "", " ", "\u202Etitle"];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A request with at least one defect that must get it refused whoever sends it, for every mutating endpoint
    /// that can have one (an anonymous caller where sign-in is required, a route value that is not an id, or a body
    /// that cannot be read as the endpoint's JSON), plus decorations that must not matter. Reads get the same
    /// treatment; they may answer 2xx.
    /// </summary>
    public static FuzzRequest Refused(FuzzWorld world, int[] numbers)
    {
        var choices = new Choices(numbers);
        var target = choices.Chance(3) ? choices.Pick(world.Targets) : choices.Pick(world.ApiTargets);
        var caller = choices.Pick(world.Callers);
        var defects = new List<string>();
        if (target.Mutates && !target.IsHub)
        {
            if (!target.IsPublic) defects.Add(Anonymous);
            if (target.HasGuidRouteValue) defects.Add(BadId);
            if (target.Body is not null) defects.AddRange(BodyDefects);
        }

        var defect = defects.Count > 0 ? choices.Pick(defects) : null;
        if (defect == Oversized && !choices.Chance(15)) defect = Truncated; // a megabyte per request: a few of them are enough
        if (defect == Anonymous) caller = null;
        var mutations = new List<string>();

        // Dot segments are left out here: the client and Kestrel remove them, which could turn a refused request into a
        // different, well-formed one (the hostile run sends them, one request at a time).
        var path = Path(target, world, choices, breakAnId: defect == BadId, dotSegments: !target.Mutates, mutations) + Query(target, world, choices, mutations);
        var headers = Headers(target, choices, mutations);
        byte[]? body = null;
        string? contentType = null;
        if (target.Body is not null)
        {
            var json = new Json(RequestBodies.Plausible(target.Body, world.Hint));
            if (choices.Chance(30)) json.Hostilise(choices, mutations);
            body = defect switch
            {
                Truncated => Encoding.UTF8.GetBytes(Cut(json.Text(), choices)),
                InvalidUtf8InString => json.WithInvalidUtf8(choices, insideString: true),
                InvalidUtf8Outside => json.WithInvalidUtf8(choices, insideString: false),
                DeepNesting => json.Nest(choices),
                Duplicate => json.Duplicate(choices),
                NotAnObject => Encoding.UTF8.GetBytes(choices.Pick(NotAnObjectBodies)),
                NotJson => Encoding.UTF8.GetBytes(choices.Pick(NotJsonBodies)),
                Oversized => json.Oversize(choices),
                _ => json.Bytes(),
            };
            contentType = defect == WrongContentType ? choices.Pick(HostileInput.NonJsonContentTypes) : "application/json";
        }
        else if (target.Mutates && choices.Chance(20))
        {
            body = Encoding.UTF8.GetBytes(choices.Pick(NotJsonBodies));
            contentType = "application/json";
            mutations.Add("a body where none is read");
        }

        return new FuzzRequest(target, caller, target.Method, path, headers, body, contentType, defect, mutations);
    }

    /// <summary>
    /// A request to a mutating endpoint with real ids and a plausible body, made hostile in ways that may or may not be
    /// refused: unicode edge cases and control characters in text, fields of the wrong kind or null or missing, unknown
    /// fields, huge strings, unusual JSON content types, garbage headers, bad route values.
    /// </summary>
    public static FuzzRequest Hostile(FuzzWorld world, int[] numbers)
    {
        var choices = new Choices(numbers);
        var target = choices.Pick(world.MutatingTargets);
        var caller = choices.Chance(10) ? null : choices.Pick(world.SignedInCallers);
        var mutations = new List<string>();
        var path = Path(target, world, choices, breakAnId: false, dotSegments: true, mutations) + Query(target, world, choices, mutations);
        var headers = Headers(target, choices, mutations);
        byte[]? body = null;
        string? contentType = null;
        if (target.Body is not null)
        {
            var json = new Json(RequestBodies.Plausible(target.Body, world.Hint));
            var count = 1 + choices.Next(3);
            for (var i = 0; i < count; i++) json.Mutate(choices, mutations);
            body = json.Bytes();
            contentType = "application/json";
            if (choices.Chance(15))
            {
                contentType = choices.Pick(HostileInput.OddJsonContentTypes);
                mutations.Add($"content type {contentType}");
            }
        }

        return new FuzzRequest(target, caller, target.Method, path, headers, body, contentType, null, mutations);
    }

    private static string Path(FuzzTarget target, FuzzWorld world, Choices choices, bool breakAnId, bool dotSegments, List<string> mutations)
    {
        var guids = target.Route.Parameters.Where(FuzzTarget.IsGuid).ToList();
        var broken = breakAnId ? choices.Pick(guids) : null;
        var badValues = dotSegments ? HostileInput.RouteValues : HostileInput.RouteValues.Where(v => !v.Contains("..") && !v.Contains("%2e", StringComparison.OrdinalIgnoreCase)).ToArray();
        var path = new StringBuilder();
        foreach (var segment in target.Route.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when parameter == broken:
                        path.Append(choices.Pick(badValues));
                        break;
                    case RoutePatternParameterPart parameter:
                        if (choices.Chance(12))
                        {
                            var bad = choices.Pick(badValues);
                            mutations.Add($"route value {parameter.Name} = {(bad.Length > 40 ? bad[..40] + "…" : bad)}");
                            path.Append(bad);
                        }
                        else
                        {
                            path.Append(Uri.EscapeDataString(world.RouteValue(parameter.Name, choices.Next)));
                        }

                        break;
                }
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string Query(FuzzTarget target, FuzzWorld world, Choices choices, List<string> mutations)
    {
        var query = new List<string>();
        foreach (var parameter in target.Query)
        {
            switch (choices.Next(3))
            {
                case 1:
                    query.Add($"{parameter.Name}={Uri.EscapeDataString(world.QueryValue(parameter))}");
                    break;
                case 2:
                    var bad = choices.Pick(HostileInput.QueryValues);
                    query.Add($"{parameter.Name}={bad}");
                    mutations.Add($"query {parameter.Name} = {(bad.Length > 40 ? bad[..40] + "…" : bad)}");
                    break;
            }
        }

        if (choices.Chance(10))
        {
            query.Add($"unknown%00={choices.Pick(HostileInput.QueryValues)}&{Uri.EscapeDataString("\u202E")}=1");
            mutations.Add("unknown query parameters");
        }

        return query.Count == 0 ? "" : "?" + string.Join('&', query);
    }

    private static List<KeyValuePair<string, string>> Headers(FuzzTarget target, Choices choices, List<string> mutations)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!target.Mutates) return headers;
        switch (choices.Next(3))
        {
            case 0:
                headers.Add(new("Idempotency-Key", Guid.NewGuid().ToString()));
                break;
            case 2:
                headers.Add(new("Idempotency-Key", choices.Pick(HostileInput.IdempotencyKeys)));
                mutations.Add("garbage Idempotency-Key");
                break;
        }

        switch (choices.Next(3))
        {
            case 1:
                headers.Add(new("If-Match", "\"1\""));
                break;
            case 2:
                headers.Add(new("If-Match", choices.Pick(HostileInput.IfMatchValues)));
                mutations.Add("garbage If-Match");
                break;
        }

        return headers;
    }

    private static string Cut(string text, Choices choices) => text[..choices.Next(text.Length)];

    /// <summary>Consumes CsCheck's numbers one decision at a time.</summary>
    private sealed class Choices(int[] numbers)
    {
        private int _next;

        public int Next(int count) => count <= 1 ? 0 : numbers[_next++ % numbers.Length] % count;

        public T Pick<T>(IReadOnlyList<T> options) => options[Next(options.Count)];

        /// <summary>True with about <paramref name="percent"/>% probability; false for the shrunk number 0.</summary>
        public bool Chance(int percent) => Next(100) >= 100 - percent;
    }

    /// <summary>A body being made hostile: a JSON tree plus raw fragments (what a serializer would never write)
    /// spliced in for placeholders when it is turned into bytes.</summary>
    private sealed class Json(JsonNode? root)
    {
        private readonly List<(string Placeholder, string Raw)> _raw = [];

        public string Text()
        {
            var text = root?.ToJsonString(Relaxed) ?? "null";
            foreach (var (placeholder, raw) in _raw) text = text.Replace($"\"{placeholder}\"", raw, StringComparison.Ordinal);
            return text;
        }

        public byte[] Bytes() => Encoding.UTF8.GetBytes(Text());

        public void Mutate(Choices choices, List<string> mutations)
        {
            var slots = Slots();
            switch (choices.Next(7))
            {
                case 0:
                    Hostilise(choices, mutations);
                    break;
                case 1 when slots.Count > 0:
                    var wrong = choices.Pick(slots);
                    var value = RequestBodies.WrongKind(wrong.Get(), choices.Next(100));
                    wrong.Set(value);
                    mutations.Add($"{wrong.Name} of the wrong kind ({value?.ToJsonString() ?? "null"})");
                    break;
                case 2 when slots.Count > 0:
                    var nulled = choices.Pick(slots);
                    nulled.Set(null);
                    mutations.Add($"{nulled.Name} null");
                    break;
                case 3 when root is JsonObject removeFrom && removeFrom.Count > 0:
                    var removed = removeFrom.ElementAt(choices.Next(removeFrom.Count)).Key;
                    removeFrom.Remove(removed);
                    mutations.Add($"{removed} missing");
                    break;
                case 4 when root is JsonObject addTo:
                    var name = choices.Pick(UnknownFieldNames);
                    if (addTo.ContainsKey(name)) break;
                    addTo[name] = Placeholder(choices.Pick(HostileInput.JsonStrings));
                    mutations.Add($"unknown field \"{name}\"");
                    break;
                case 5 when StringSlots() is { Count: > 0 } strings:
                    var huge = choices.Pick(strings);
                    var length = choices.Pick(new[] { 5_000, 70_000, 300_000, 900_000 });
                    huge.Set(JsonValue.Create(new string(choices.Pick(new[] { 'x', '\u0416', ' ' }), length)));
                    mutations.Add($"{huge.Name} {length} characters long");
                    break;
                default:
                    Hostilise(choices, mutations);
                    break;
            }
        }

        /// <summary>Puts hostile text into one string field.</summary>
        public void Hostilise(Choices choices, List<string> mutations)
        {
            if (StringSlots() is not { Count: > 0 } strings) return;
            var slot = choices.Pick(strings);
            var raw = choices.Pick(HostileInput.JsonStrings);
            slot.Set(Placeholder(raw));
            mutations.Add($"{slot.Name} = {(raw.Length > 60 ? raw[..60] + "…" : raw)}");
        }

        public byte[] WithInvalidUtf8(Choices choices, bool insideString)
        {
            var invalid = choices.Pick(HostileInput.InvalidUtf8);
            const string marker = "@@BYTES@@";
            string text;
            if (insideString && StringSlots() is { Count: > 0 } strings)
            {
                choices.Pick(strings).Set(JsonValue.Create("a" + marker + "b"));
                text = Text();
            }
            else
            {
                var plain = Text();
                text = plain.Length > 1 ? plain[..1] + marker + plain[1..] : marker + plain;
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            var at = IndexOf(bytes, Encoding.UTF8.GetBytes(marker));
            return [.. bytes[..at], .. invalid, .. bytes[(at + marker.Length)..]];
        }

        public byte[] Nest(Choices choices)
        {
            var depth = choices.Pick(new[] { 33, 64, 1_000, 10_000, 100_000 });
            var raw = choices.Next(2) == 0
                ? new string('[', depth) + new string(']', depth)
                : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            var slots = Slots();
            if (slots.Count == 0) return Encoding.UTF8.GetBytes(raw);
            choices.Pick(slots).Set(Placeholder(raw));
            return Bytes();
        }

        public byte[] Duplicate(Choices choices)
        {
            var text = Text();
            if (root is not JsonObject { Count: > 0 } fields) return Encoding.UTF8.GetBytes(text[..^1]);
            var field = fields.ElementAt(choices.Next(fields.Count));
            var again = $"{JsonSerializer.Serialize(field.Key)}:{field.Value?.ToJsonString(Relaxed) ?? "null"},";
            return Encoding.UTF8.GetBytes("{" + again + text[1..]);
        }

        public byte[] Oversize(Choices choices)
        {
            var size = (int)CrisisCenter.Web.Api.ApiJson.MaxRequestBodyBytes + 1 + choices.Next(4096);
            if (choices.Next(2) == 0 || root is not JsonObject fields)
            {
                var text = Text();
                return Encoding.UTF8.GetBytes(text + new string(' ', Math.Max(1, size - text.Length)));
            }

            fields["padding"] = new string('x', size);
            return Bytes();
        }

        private JsonValue Placeholder(string raw)
        {
            var placeholder = $"@@RAW{_raw.Count}@@";
            _raw.Add((placeholder, raw));
            return JsonValue.Create(placeholder);
        }

        private List<Slot> StringSlots() => [.. Slots().Where(s => s.Get() is JsonValue v && v.TryGetValue<string>(out var text) && !text.StartsWith("@@", StringComparison.Ordinal))];

        private List<Slot> Slots()
        {
            var slots = new List<Slot>();
            Walk(root, "", slots);
            return slots;
        }

        private static void Walk(JsonNode? node, string path, List<Slot> slots)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList())
                    {
                        var name = path.Length == 0 ? key : $"{path}.{key}";
                        slots.Add(new Slot(name, () => o[key], v => o[key] = v));
                        Walk(child, name, slots);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        var index = i;
                        var name = $"{path}[{i}]";
                        slots.Add(new Slot(name, () => a[index], v => a[index] = v));
                        Walk(a[i], name, slots);
                    }

                    break;
            }
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }

            throw new InvalidOperationException("Marker not found.");
        }

        private sealed record Slot(string Name, Func<JsonNode?> Get, Action<JsonNode?> Set);
    }
}
