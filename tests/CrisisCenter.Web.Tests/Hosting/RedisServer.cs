using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>
/// A throw-away redis-server process on 127.0.0.1 and a free port, without persistence, for the Orleans clustering
/// tests. Needs the redis-server binary (Debian: apt-get install redis-server); tests skip with
/// <see cref="MissingReason"/> without it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string MissingReason = "No redis-server binary on PATH (apt-get install -y redis-server): the Redis clustering test needs a real Redis.";

    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>For Orleans:Redis (a StackExchange.Redis configuration string).</summary>
    public string ConfigurationString => $"127.0.0.1:{Port}";

    /// <summary>The redis-server executable found on PATH, or null.</summary>
    public static string? Binary { get; } = FindOnPath("redis-server");

    public static async Task<RedisServer> StartAsync()
    {
        var binary = Binary ?? throw new InvalidOperationException(MissingReason);
        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), "crisiscenter-tests", "redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new RedisServer(process, port, directory);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await server.AnswersPingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                string log;
                lock (output) log = output.ToString();
                throw new InvalidOperationException($"redis-server did not answer on port {port}: {log}");
            }
            await Task.Delay(50);
        }
        return server;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
