using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Agencies;
using CrisisCenter.Application.Projections;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Hosting;

namespace CrisisCenter.Web.Cli;

/// <summary>
/// Administrative verbs of the same executable, run against the configured store without starting the web
/// server or the silo:
///   crisiscenter users add --admin --user NAME --name "Display Name" --agency CODE [--password P]
///   crisiscenter verify-store
///   crisiscenter rebuild-read-models   (see RebuildReadModelsCommand)
///   crisiscenter migrate-store --from sqlite:PATH --to esdb://HOST:2113?tls=... | sqlite:OTHER_PATH   (see MigrateStoreCommand)
/// With `dotnet run`: dotnet run --project src/CrisisCenter.Web -- users add ...
/// </summary>
public static class CommandLine
{
    public static bool IsVerb(string[] args) => args.Length > 0 && args[0] is "users" or "verify-store" or "migrate-store" or "rebuild-read-models";

    /// <param name="output">Where reports go (standard output unless a caller, e.g. a test, captures them).</param>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, string contentRoot, TextWriter? output = null)
    {
        output ??= Console.Out;
        // Names both stores itself: the configured store is not opened (nor created).
        if (args is ["migrate-store", .. var migrateArgs])
            return await RunUntilCtrlCAsync(ct => MigrateStoreCommand.RunAsync(migrateArgs, Environment.CurrentDirectory, Console.Out, Console.Error, ct));

        var hostOptions = configuration.GetSection(CrisisCenterOptions.Section).Get<CrisisCenterOptions>() ?? new CrisisCenterOptions();
        var storeOptions = configuration.GetSection(EventStoreOptions.Section).Get<EventStoreOptions>() ?? new EventStoreOptions();
        var dataDirectory = Path.GetFullPath(hostOptions.DataDirectory, contentRoot);
        Directory.CreateDirectory(dataDirectory);
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddConfiguredEventStore(storeOptions, dataDirectory).AddSingleton<AccountDirectory>();
        var readStorePath = ReadStoreSettings.FilePath(configuration, dataDirectory, contentRoot);
        services.AddLogging().AddSingleton(IncidentPolicyConfiguration.Read(configuration))
            .AddCrisisCenterProjections(configureReadStore: readStore => ReadStoreSettings.Configure(readStore, configuration, dataDirectory, contentRoot));
        await using var provider = services.BuildServiceProvider();
        try
        {
            return args switch
            {
                ["users", "add", .. var rest] => await AddUserAsync(rest, provider.GetRequiredService<AccountDirectory>()),
                ["verify-store"] => await VerifyStoreAsync(provider.GetRequiredService<IEventStore>(), provider.GetRequiredService<StreamVerifier>(), output),
                ["rebuild-read-models"] => await RunUntilCtrlCAsync(ct => RebuildReadModelsCommand.RunAsync(provider, readStorePath, output, ct)),
                _ => Usage(),
            };
        }
        catch (AccountValidationException e)
        {
            foreach (var (field, messages) in e.Errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 2;
        }
        catch (AccountConflictException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static async Task<int> AddUserAsync(string[] args, AccountDirectory directory)
    {
        var roles = new List<string>();
        string? user = null, name = null, agency = null, password = null, region = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--admin": roles.Add("Admin"); break;
                case "--role": roles.Add(Next()); break;
                case "--user": user = Next(); break;
                case "--name": name = Next(); break;
                case "--agency": agency = Next(); break;
                case "--region": region = Next(); break;
                case "--password": password = Next(); break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}."); return Usage();
            }
        }
        if (user is null || agency is null || roles.Count == 0) return Usage();
        if (!AgencyCatalog.IsKnown(agency))
        {
            Console.Error.WriteLine($"Unknown agency '{agency}'. Known: {string.Join(", ", AgencyCatalog.All.Select(a => a.Code))}");
            return 2;
        }
        var generated = password is null;
        password ??= Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)).Replace('/', '-').Replace('+', '_');
        var account = await directory.RegisterAsync(new NewAccount(user, name ?? user, password, agency, roles, region), "cli");
        Console.WriteLine($"Created {account.UserName} ({string.Join(", ", account.Roles)}) in {account.AgencyCode}, id {account.UserId}.");
        if (generated) Console.WriteLine($"Password: {password}");
        return 0;
    }

    private static async Task<int> VerifyStoreAsync(IEventStore store, StreamVerifier verifier, TextWriter output)
    {
        var streams = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var e in store.ReadAllAsync()) streams.Add(e.Stream);
        var broken = 0;
        foreach (var stream in streams)
        {
            var result = await verifier.VerifyAsync(stream);
            if (result.IsIntact) continue;
            broken++;
            output.WriteLine($"BROKEN {stream}: revision {result.FirstBrokenRevision} (event {result.FirstBrokenEventId}): {result.Problem}");
        }
        output.WriteLine(broken == 0 ? $"All {streams.Count} streams intact." : $"{broken} of {streams.Count} streams broken.");
        return broken == 0 ? 0 : 1;
    }

    private static async Task<int> RunUntilCtrlCAsync(Func<CancellationToken, Task<int>> run)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // The first Ctrl+C stops cleanly after the append in flight; a second one kills the process as usual.
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            return await run(interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage:
              crisiscenter users add (--admin | --role ROLE ...) --user NAME --agency CODE [--name "Display Name"] [--region KZ-xx] [--password P]
              crisiscenter verify-store
              crisiscenter rebuild-read-models
              crisiscenter migrate-store --from sqlite:PATH --to esdb://[user:pass@]host:2113[,host:2113...]?tls=true | sqlite:OTHER_PATH
            """);
        return 2;
    }
}
