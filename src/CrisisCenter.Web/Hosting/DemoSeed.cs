using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Templates;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Hosting;

/// <summary>
/// On an empty store (demo seed on): creates the demo users and the holding-statement templates and one incident with a real history - a mudflow
/// threat in Almaty, declared three hours ago, with situation updates, a published holding statement approved by
/// two approvers, an update statement awaiting approval and a rumour assessed as false. Everything goes through
/// the same mediator commands the API uses; command ids are fixed, so a seed interrupted halfway completes on the
/// next start without duplicates. Prints the demo accounts at every start.
/// </summary>
public sealed class DemoSeed(
    IOptions<CrisisCenterOptions> options, AccountDirectory directory, TemplateLibrary templates, IMediator mediator, TimeProvider clock,
    IHostApplicationLifetime lifetime, IServer server, ILogger<DemoSeed> logger) : BackgroundService
{
    private static readonly Guid IncidentId = new("5e7a1c2d-0b4f-4c3a-9e1d-2f6b8a0c4d11");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SeedDemo) return;
        // The silo must be up before grains are called: wait for the host to finish starting.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        try
        {
            await SeedAsync(stoppingToken);
            PrintAccounts();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The demo seed failed; the system runs without (complete) demo data.");
        }
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        var accounts = new Dictionary<string, UserAccount>(StringComparer.Ordinal);
        foreach (var demo in DemoAccounts.All)
            accounts[demo.UserName] = await directory.FindByUserNameAsync(demo.UserName, ct) ?? await directory.RegisterAsync(demo, "demo-seed", ct);
        foreach (var (templateId, draft) in DemoTemplates.All)
            await templates.CreateAsync(templateId, draft, "demo-seed", ct);

        var now = clock.GetUtcNow();
        var step = 0;
        Actor ActorOf(string userName)
        {
            var a = accounts[userName];
            return new Actor(a.UserId, a.DisplayName, a.AgencyCode, [.. a.Roles.Select(Enum.Parse<Role>)], a.RegionCode, a.CanLogRegionalUpdates);
        }
        CommandContext Context(string userName, TimeSpan ago) => new(DemoCommandId(++step), ActorOf(userName), now - ago);
        async Task Send(IncidentCommand command)
        {
            var outcome = await mediator.Send(new ExecuteIncidentCommand(new CommandEnvelope(command)), ct);
            if (!outcome.Succeeded) throw new InvalidOperationException($"Demo seed step {command.GetType().Name} failed: {outcome.Error?.Code ?? outcome.Status.ToString()}");
        }

        var declareContext = Context("press.mes", TimeSpan.FromHours(3));
        var declared = await mediator.Send(new DeclareNewIncident(
            IncidentId, declareContext, null,
            "Mudflow threat in the Almaty foothills", "Heavy rain and snowmelt raised the risk of mudflows in the Medeu and Bostandyk districts.",
            IncidentCategory.Geo, Severity.Severe, ["KZ-75", "KZ-19"], "MES", ["AKIMAT-KZ-75", "AKIMAT-KZ-19"], Visibility.Normal,
            [Language.Kk, Language.Ru], IsPublicWarning: true), ct);
        if (!declared.Outcome.Succeeded) throw new InvalidOperationException("Demo seed: declaring the incident failed: " + declared.Outcome.Error?.Code);

        await Send(new LogSituationUpdate(IncidentId, Context("press.mes", TimeSpan.FromMinutes(170)), DemoId("update-1"),
            "Kazhydromet reports 45 mm of rain in 12 hours in the upper Kishi Almaty valley.", Language.En, "Kazhydromet", "KZ-75", Verified: true));
        await Send(new LogSituationUpdate(IncidentId, Context("akimat.almaty", TimeSpan.FromMinutes(160)), DemoId("update-2"),
            "Медеу ауданында 120 тұрғын уақытша эвакуацияланды.", Language.Kk, "Алматы қаласының әкімдігі", "KZ-75", Verified: false));

        var holding = DemoId("statement-holding");
        var holdingContent = new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new("Алматы тау бөктерінде сел қаупі", "ТЖМ жағдайды бақылап отыр. Тұрғындар өзен арналарынан алыс болуы және ресми хабарламаларды ғана тыңдауы тиіс.", "Өзен арналарына жақындамаңыз. Төтенше жағдайда 112 нөміріне қоңырау шалыңыз."),
            [Language.Ru] = new("Угроза селя в предгорьях Алматы", "МЧС следит за ситуацией. Жителям следует держаться подальше от русел рек и доверять только официальным сообщениям.", "Не приближайтесь к руслам рек. В экстренной ситуации звоните 112."),
        };
        await Send(new DraftStatement(IncidentId, Context("press.mes", TimeSpan.FromMinutes(150)), holding, StatementKind.Holding, holdingContent));
        await Send(new SubmitStatement(IncidentId, Context("press.mes", TimeSpan.FromMinutes(148)), holding, 1));
        var hash = ContentHash.Compute(StatementKind.Holding, holdingContent);
        await Send(new ApproveStatement(IncidentId, Context("approver.mes", TimeSpan.FromMinutes(140)), holding, 1, hash));
        await Send(new ApproveStatement(IncidentId, Context("deputy.mes", TimeSpan.FromMinutes(135)), holding, 1, hash));
        await Send(new PublishStatement(IncidentId, Context("press.mes", TimeSpan.FromMinutes(133)), holding, 1, hash, ["website", "telegram"]));

        var rumor = DemoId("rumor-dam");
        await Send(new LogRumor(IncidentId, Context("press.mes", TimeSpan.FromMinutes(90)), rumor,
            "The Medeu dam has cracked and the city will be flooded tonight.", "Telegram channel, forwarded in WhatsApp groups",
            "https://t.me/example/123", now - TimeSpan.FromMinutes(100), 45_000));
        await Send(new AssessRumor(IncidentId, Context("press.mes", TimeSpan.FromMinutes(80)), rumor, RumorVerdict.False,
            "MES engineers inspected the Medeu dam at 14:00; no damage found. Photos on file."));

        var update = DemoId("statement-update");
        await Send(new DraftStatement(IncidentId, Context("press.mes", TimeSpan.FromMinutes(30)), update, StatementKind.Update, new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new("Медеу бөгеті қауіпсіз", "ТЖМ инженерлері бөгетті тексерді: зақым жоқ. Эвакуацияланған тұрғындарға уақытша баспана берілді."),
            [Language.Ru] = new("Плотина Медеу в безопасности", "Инженеры МЧС осмотрели плотину: повреждений нет. Эвакуированным жителям предоставлено временное жильё."),
        }));
        await Send(new SubmitStatement(IncidentId, Context("press.mes", TimeSpan.FromMinutes(25)), update, 1));
    }

    private void PrintAccounts()
    {
        var url = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        var lines = DemoAccounts.All.Select(a => $"  {a.UserName,-15} {a.Roles[0],-13} {a.AgencyCode,-14} {a.DisplayName}");
        Console.WriteLine($"""

            CrisisCenter is running at {url}  (API docs: {url}/scalar)
            Demo accounts (password for all: {DemoAccounts.Password}):
            {string.Join(Environment.NewLine, lines)}

            """);
    }

    private static Guid DemoCommandId(int step) => DeterministicGuid.Create(IncidentId, "demo-command-" + step);

    private static Guid DemoId(string name) => DeterministicGuid.Create(IncidentId, name);
}
