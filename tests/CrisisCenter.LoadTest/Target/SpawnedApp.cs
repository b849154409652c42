using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrisisCenter.LoadTest.Target;

/// <summary>
/// CrisisCenter started by the harness as a child process (<c>dotnet CrisisCenter.Web.dll</c>) on a fresh data
/// directory with the demo seed, on free loopback ports, with the per-user command rate limit lifted (the harness
/// sends every command as one user). Its output goes to <c>app.log</c> in the run directory.
/// </summary>
public sealed class SpawnedApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SpawnedApp(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app and waits for <c>/health/ready</c>. Its data lives in <paramref name="dataDirectory"/> when given
    /// (e.g. a store made by <c>seed-history</c>), else in a fresh <c>app-data</c> folder of the run directory.</summary>
    public static async Task<SpawnedApp> StartAsync(
        string appDll, string runDirectory, IReadOnlyList<string> environment, TimeSpan patience, CancellationToken cancellationToken, string? dataDirectory = null)
    {
        if (!File.Exists(appDll))
        {
            throw new FileNotFoundException($"The app to spawn was not found at {appDll}; build it first (dotnet build src/CrisisCenter.Web -c Release) or pass --app.", appDll);
        }

        dataDirectory ??= Path.Combine(runDirectory, "app-data");
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["CrisisCenter__DataDirectory"] = dataDirectory;
        start.Environment["CrisisCenter__DataProtectionKeysDirectory"] = Path.Combine(dataDirectory, "keys");
        start.Environment["CrisisCenter__SeedDemo"] = "true";
        start.Environment["Orleans__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RateLimits__CommandsPerMinute"] = "1000000";
        start.Environment["RateLimits__SignInsPerMinute"] = "10000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var setting in environment)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new ArgumentException($"--app-env takes KEY=VALUE, not '{setting}'.");
            start.Environment[setting[..equals]] = setting[(equals + 1)..];
        }

        var log = new StreamWriter(Path.Combine(runDirectory, "app.log")) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new SpawnedApp(process, log, address);
        try
        {
            await app.WaitUntilLiveAsync(patience, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitUntilLiveAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} while starting; see app.log in the run directory.");
            }

            try
            {
                var ready = await http.GetAsync("health/ready", cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The app did not report ready within {patience.TotalSeconds:0} s; see app.log in the run directory.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
