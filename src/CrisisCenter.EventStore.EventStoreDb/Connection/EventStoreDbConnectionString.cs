using System.Globalization;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// Where and how to reach EventStoreDB, parsed from
/// <c>esdb://[user:pass@]host[:port][,host[:port]...][/]?tls=true|false&amp;tlsVerifyCert=true|false&amp;tlsCaFile=path&amp;defaultDeadline=ms</c>.
/// Like the official clients: TLS is on unless <c>tls=false</c>, certificates are verified unless
/// <c>tlsVerifyCert=false</c> (against the system trust store, or only the CA in <c>tlsCaFile</c> when given), and a
/// host without a port means 2113.
/// </summary>
public sealed record EventStoreDbConnectionString
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    private static readonly string[] Schemes = ["esdb://", "kurrentdb://"];
    private static readonly string[] SupportedSettings = ["tls", "tlsVerifyCert", "tlsCaFile", "defaultDeadline"];

    public required IReadOnlyList<EventStoreDbEndpoint> Endpoints { get; init; }
    public string? UserName { get; init; }
    public string? Password { get; init; }
    public bool UseTls { get; init; } = true;
    public bool VerifyCertificate { get; init; } = true;
    /// <summary>A CA certificate file (PEM or DER): the server's certificate must chain to it (e.g. the cluster's own
    /// CA made with the server's certificate tool). Null: the system trust store.</summary>
    public string? TlsCaFile { get; init; }
    /// <summary>How long one append or short read may take before it fails as unavailable.</summary>
    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    public bool HasCredentials => UserName is not null;

    /// <summary>Parses <paramref name="connectionString"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static EventStoreDbConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw Invalid("it is empty", connectionString);

        var text = connectionString.Trim();
        var scheme = Schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is null)
        {
            var hint = text.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("kurrentdb+discover://", StringComparison.OrdinalIgnoreCase)
                ? "gossip discovery (+discover) is not supported: list the nodes instead, e.g. esdb://node1:2113,node2:2113,node3:2113"
                : "it must start with esdb:// (e.g. esdb://127.0.0.1:2113?tls=false)";
            throw Invalid(hint, connectionString);
        }

        var rest = text[scheme.Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var authority = queryStart < 0 ? rest : rest[..queryStart];
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        authority = authority.TrimEnd('/');
        if (authority.Contains('/', StringComparison.Ordinal))
            throw Invalid("a path is not allowed after the hosts", connectionString);

        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            (user, password) = ParseCredentials(authority[..at], connectionString);
            authority = authority[(at + 1)..];
        }

        var settings = new EventStoreDbConnectionString
        {
            Endpoints = ParseEndpoints(authority, connectionString),
            UserName = user,
            Password = password,
        };
        return ApplySettings(settings, query, connectionString);
    }

    private static (string User, string Password) ParseCredentials(string userInfo, string original)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw Invalid("credentials must be user:password before '@'", original);
        var user = Uri.UnescapeDataString(userInfo[..colon]);
        var password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        if (password.Length == 0)
            throw Invalid("the password after 'user:' is empty", original);
        return (user, password);
    }

    private static List<EventStoreDbEndpoint> ParseEndpoints(string authority, string original)
    {
        if (authority.Length == 0)
            throw Invalid("it names no host", original);
        var endpoints = new List<EventStoreDbEndpoint>();
        foreach (var part in authority.Split(','))
        {
            if (part.Length == 0)
                throw Invalid("a host between commas is empty", original);
            endpoints.Add(ParseEndpoint(part, original));
        }
        return endpoints;
    }

    private static EventStoreDbEndpoint ParseEndpoint(string hostAndPort, string original)
    {
        string host;
        string? port = null;
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw Invalid($"'{hostAndPort}' opens an IPv6 address with '[' but does not close it", original);
            host = hostAndPort[1..close];
            var after = hostAndPort[(close + 1)..];
            if (after.Length > 0)
                port = after.StartsWith(':') ? after[1..] : throw Invalid($"'{hostAndPort}' has text after the IPv6 address", original);
        }
        else
        {
            var colon = hostAndPort.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && hostAndPort.IndexOf(':', colon + 1) >= 0)
                throw Invalid($"'{hostAndPort}' has more than one ':' (write IPv6 addresses as [::1]:2113)", original);
            host = colon < 0 ? hostAndPort : hostAndPort[..colon];
            port = colon < 0 ? null : hostAndPort[(colon + 1)..];
        }

        if (host.Length == 0)
            throw Invalid($"'{hostAndPort}' has no host name", original);
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            throw Invalid($"'{host}' is not a valid host name or address", original);
        if (port is null)
            return new EventStoreDbEndpoint(host, EventStoreDbEndpoint.DefaultPort);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            throw Invalid($"'{port}' in '{hostAndPort}' is not a port number (1-65535)", original);
        return new EventStoreDbEndpoint(host, number);
    }

    private static EventStoreDbConnectionString ApplySettings(EventStoreDbConnectionString settings, string query, string original)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw Invalid($"setting '{pair}' must be key=value", original);
            var key = pair[..eq];
            var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
            var known = SupportedSettings.FirstOrDefault(s => s.Equals(key, StringComparison.OrdinalIgnoreCase))
                ?? throw Invalid($"setting '{key}' is not supported (supported: {string.Join(", ", SupportedSettings)})", original);
            if (!seen.Add(known))
                throw Invalid($"setting '{known}' is given twice", original);

            settings = known switch
            {
                "tls" => settings with { UseTls = ParseBool(known, value, original) },
                "tlsVerifyCert" => settings with { VerifyCertificate = ParseBool(known, value, original) },
                "tlsCaFile" => settings with { TlsCaFile = value.Length > 0 ? value : throw Invalid("setting 'tlsCaFile' needs a file path", original) },
                _ => settings with { Deadline = ParseDeadline(value, original) },
            };
        }
        return settings;
    }

    private static bool ParseBool(string key, string value, string original) =>
        bool.TryParse(value, out var result) ? result : throw Invalid($"setting '{key}' must be true or false, not '{value}'", original);

    private static TimeSpan ParseDeadline(string value, string original) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : throw Invalid($"setting 'defaultDeadline' must be a positive number of milliseconds, not '{value}'", original);

    // The message repeats the string without its password: connection strings end up in logs.
    private static FormatException Invalid(string problem, string original) =>
        new($"Invalid EventStoreDB connection string '{Redact(original)}': {problem}.");

    internal static string Redact(string connectionString)
    {
        var schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        var at = connectionString.LastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd)
            return connectionString;
        var userInfo = connectionString[(schemeEnd + 3)..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        return $"{connectionString[..(schemeEnd + 3)]}{user}:***{connectionString[at..]}";
    }

    public override string ToString() =>
        $"esdb://{(HasCredentials ? UserName + ":***@" : "")}{string.Join(',', Endpoints)}?tls={(UseTls ? "true" : "false")}&tlsVerifyCert={(VerifyCertificate ? "true" : "false")}"
        + (TlsCaFile is null ? "" : "&tlsCaFile=" + Uri.EscapeDataString(TlsCaFile));
}
