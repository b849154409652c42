namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>The hostile material the fuzz draws from: text that is valid but nasty, JSON that is not JSON, bytes
/// that are not UTF-8, route values that are not ids, and header values that are not what the API expects.</summary>
public static class HostileInput
{
    /// <summary>JSON string literals (already escaped as they go on the wire) of valid but hostile text: unicode edge
    /// cases, control characters, markup, and lone surrogates (valid JSON escapes that name no character).</summary>
    public static readonly string[] JsonStrings =
    [
        "\"\\uD800\"", // lone high surrogate
        "\"x\\uDFFFy\"", // lone low surrogate
        "\"\\uDC00\\uD800\"", // a pair the wrong way round
        "\"\\uD83D\"", // half an emoji
        "\"a\\u0000b\"", // NUL
        "\"\\u0001\\u0002\\u0007\\u0008\\u000B\\u000C\\u001B[31m\\u001F\"", // C0 controls, an ANSI escape
        "\"\u007F\u0080\u0085\u009F\"", // DEL and C1 controls
        "\"\u202Eevil.exe\u202C\"", // right-to-left override
        "\"\u2066\u2067\u2068\u2069\u200E\u200F\u061C\"", // bidi isolates and marks
        "\"\u200B\u200C\u200D\u2060\uFEFF\"", // zero-width characters and a BOM
        "\"\u2028\u2029\"", // line and paragraph separators
        "\"\uFFFE\uFFFF\uFDD0\"", // noncharacters
        "\"\U0001F4A9\U0001F1F0\U0001F1FF\U0001F468\u200D\U0001F469\u200D\U0001F467\"", // astral characters, flags, ZWJ sequences
        "\"Z" + string.Concat(Enumerable.Repeat("\u0351\u0352\u0353\u0354\u0355", 200)) + "\"", // combining-mark pile-up
        "\"\u0130\u0131\u00DF\uFB01\u1E9E\"", // case-mapping traps
        "\"<script>alert(1)</script><img src=x onerror=alert(1)>\"",
        "\"'; DROP TABLE events; --\"",
        "\"{{title}} {0} %s %n ${jndi:ldap://x}\"",
        "\"../../../../etc/passwd\"",
        "\"\\r\\nX-Injected: yes\\r\\n\"",
        "\"\\\\\\\"\\/\\b\\f\\n\\r\\t\"",
        "\"\"", // empty
        "\"   \"", // blank
        "\"" + new string('\u0410', 3000) + "\"", // long Cyrillic
    ];

    /// <summary>Byte sequences that are not UTF-8: overlong forms, encoded surrogates, beyond U+10FFFF, stray bytes.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xC3], [0xE2, 0x82],
    ];

    /// <summary>Route values that are not what the route wants, percent-encoded as they go on the wire.</summary>
    public static readonly string[] RouteValues =
    [
        "not-a-guid", "00000000-0000-0000-0000-00000000000G", "{00000000-0000-0000-0000-000000000000}x", "-1", "0",
        "99999999999999999999999999999999999999", "1e308", "NaN", "..", "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2f", "..%5C..%5Cwindows%5Cwin.ini", "%00", "%C0%AF", "%FF%FE", "%E2%80%AE", "%F0%9F%92%A9",
        "%ED%A0%80", "%25", "%20", "a%0D%0Ab", "%3Cscript%3E", "'%20OR%201=1--", "CON", "x.json", new string('a', 1500),
    ];

    /// <summary>If-Match values that are not an entity tag of a revision.</summary>
    public static readonly string[] IfMatchValues =
    [
        "garbage", "\"\"", "\"-1\"", "\"99999999999999999999999\"", "W/\"abc\"", "\"1\", \"2\"", "\"1", "1\"", "W/",
        "\"0x10\"", "\" 1 \"", "\"+1\"", "\"1.0\"", "\"1e3\"", new string('9', 4000), "*, \"1\"",
    ];

    /// <summary>Idempotency keys: garbage and over the limit (the limit is 200 characters).</summary>
    public static readonly string[] IdempotencyKeys =
    [
        new string('k', 201), new string('k', 8000), "a b c", "\"quoted\"", "%00%FF", "../../x", "{}", "[]", "null",
        Guid.Empty.ToString(), "00000000000000000000000000000000000000000",
    ];

    /// <summary>Query values of every kind but the right one.</summary>
    public static readonly string[] QueryValues =
    [
        "", "-1", "0", "99999999999999999999999", "-9223372036854775809", "1e999", "NaN", "true", "not-a-date",
        "9999-99-99T99:99:99Z", "0001-01-01T00:00:00Z", "%00", "%FF", "%E2%80%AE", "%ED%A0%80", "ru", "xx", "html", "csv",
        "..%2F..%2F", new string('q', 2000), Guid.NewGuid().ToString(),
    ];

    /// <summary>Content types that are not JSON, for endpoints that take a JSON body.</summary>
    public static readonly string?[] NonJsonContentTypes =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "text/json-ish", "image/png",
    ];

    /// <summary>Content types that claim JSON in unusual ways.</summary>
    public static readonly string[] OddJsonContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/merge-patch+json", "application/problem+json",
        "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=nonsense",
        "APPLICATION/JSON", "application/json; foo=bar",
    ];
}
