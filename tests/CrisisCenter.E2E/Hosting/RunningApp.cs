using System.Diagnostics;
using System.Text;

namespace CrisisCenter.E2E.Hosting;

/// <summary>
/// The real CrisisCenter executable on Kestrel, on free loopback ports, with its own temporary data directory and
/// the <see cref="TestUser"/>s created through the app's own CLI verb before it starts. Disposing stops the process
/// tree and deletes the data directory if this node created it.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly bool _ownsData;
    private bool _disposed;

    private RunningApp(Process process, StringBuilder output, AppNode node, bool ownsData)
    {
        _process = process;
        _output = output;
        _ownsData = ownsData;
        Node = node;
    }

    /// <summary>Where this node keeps its data and listens; a node started again with it serves the same URL.</summary>
    public AppNode Node { get; }

    public Uri BaseAddress => Node.BaseAddress;

    /// <summary>What the app wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>A new node with a new data directory and the test users.</summary>
    public static async Task<RunningApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = AppNode.Create(Directory.CreateTempSubdirectory("crisiscenter-e2e-").FullName) with { Settings = settings ?? new Dictionary<string, string>() };
        foreach (var user in TestUser.All)
            await AddUserAsync(node, user);
        return await StartAsync(node, ownsData: true);
    }

    /// <summary>Creates <paramref name="user"/> (password <see cref="TestUser.Password"/>) in the node's store through the
    /// app's own CLI verb `users add`, as an operator would before the first start.</summary>
    public static async Task AddUserAsync(AppNode node, TestUser user)
    {
        string[] add = ["users", "add", "--role", user.Role, "--user", user.UserName, "--name", user.DisplayName, "--agency", user.AgencyCode, "--password", TestUser.Password];
        if (user.RegionCode is { } region) add = [.. add, "--region", region];
        var (code, text) = await RunToEndAsync(add, node.Environment, TimeSpan.FromSeconds(60));
        if (code != 0) throw new InvalidOperationException($"Creating {user.UserName} failed ({code}):\n{text}");
    }

    /// <summary>Starts the app as <paramref name="node"/> describes: a second node on another node's data directory
    /// (one SQLite store, two web servers), or the same node again after it was stopped.</summary>
    public static async Task<RunningApp> StartAsync(AppNode node, bool ownsData)
    {
        var output = new StringBuilder();
        var process = Start(["--urls", node.BaseAddress.ToString().TrimEnd('/')], node.Environment, output);
        var app = new RunningApp(process, output, node, ownsData);
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first request
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app was not ready within {StartTimeout}:\n{Output}");
    }

    private static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, StringBuilder output)
    {
        var assembly = BuildLocations.WebAssembly;
        if (!File.Exists(assembly)) throw new InvalidOperationException($"The app is not built at {assembly}.");
        var info = new ProcessStartInfo("dotnet")
        {
            // The project directory is the content root, as with `dotnet run`: wwwroot and appsettings come from there.
            WorkingDirectory = BuildLocations.WebProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int Code, string Output)> RunToEndAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var process = Start(arguments, environment, output);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`crisiscenter {string.Join(' ', arguments)}` did not finish within {timeout}:\n{output}");
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>The operating system's id of the app's process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>`kill -9` of the whole process tree: no shutdown, no goodbye to the cluster, as when a machine dies.
    /// The data directory stays (another node may share it); disposing afterwards only cleans up.</summary>
    public async Task KillAsync()
    {
        if (_disposed || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>A graceful stop, as systemd or `docker stop` does it: SIGTERM, then the app shuts down (its silo leaves
    /// the cluster and hands its grains over). Killed after <paramref name="patience"/> if it has not exited by then.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (_disposed || _process.HasExited) return;
        if (OperatingSystem.IsWindows() || SendSignal(_process.Id, Sigterm) != 0)
        {
            await KillAsync();
            return;
        }
        using var cancel = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The app at {BaseAddress} did not stop within {patience} of SIGTERM and was killed:\n{Output}");
        }
    }

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Fails with what the app printed when its process is gone (instead of a browser's "connection refused").</summary>
    public void EnsureRunning()
    {
        if (_disposed || _process.HasExited)
            throw new InvalidOperationException($"The app at {BaseAddress} is not running (exit code {(_disposed ? "n/a" : _process.ExitCode.ToString())}):\n{Output}");
    }

    /// <summary>Writes what the app printed to TestResults/e2e-logs (kept as a test artefact for failures).</summary>
    public void SaveOutput(string name)
    {
        var directory = Path.Combine(BuildLocations.RepositoryRoot, "TestResults", "e2e-logs");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".log"), Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // the OS reaps it; the data directory may then stay behind in /tmp
            }
        }
        _process.Dispose();
        if (!_ownsData) return;
        try
        {
            Directory.Delete(Node.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: leave the temporary directory
        }
    }
}
