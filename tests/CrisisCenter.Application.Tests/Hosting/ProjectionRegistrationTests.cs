using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Tests.Hosting;

public sealed class ProjectionRegistrationTests : IAsyncLifetime
{
    private readonly StoreFile _file = new();
    private readonly RunningProjections.RecordingListener _listener = new();
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEventStore>(_file.Store)
            .AddSingleton(IncidentPolicy.Default with { ApproversRequired = new Dictionary<Severity, int> { [Severity.Moderate] = 3 } })
            .AddSingleton<ITimelineListener>(_listener)
            .AddCrisisCenterProjections(options => options.MaxRetryDelay = TimeSpan.FromSeconds(5))
            .AddCrisisCenterProjections()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public void host_runs_as_the_one_hosted_service_and_read_models_are_singletons()
    {
        var host = _services.GetRequiredService<ProjectionHost>();

        _services.GetServices<IHostedService>().Should().ContainSingle().Which.Should().BeSameAs(host);
        _services.GetServices<IProjection>().Should().HaveCount(3).And.BeEquivalentTo(
            new IProjection[] { _services.GetRequiredService<IncidentBoard>(), _services.GetRequiredService<ApprovalQueue>(), _services.GetRequiredService<IncidentKpis>() },
            options => options.WithoutStrictOrdering().ComparingByValue<IProjection>());
        _services.GetRequiredService<IncidentTimeline>().Should().BeSameAs(_services.GetRequiredService<IncidentTimeline>());
        _services.GetRequiredService<IOptions<ProjectionHostOptions>>().Value.MaxRetryDelay.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task registered_host_feeds_the_registered_read_models_listeners_and_policy()
    {
        var flood = new Facts();
        var statement = Guid.NewGuid();
        var host = _services.GetServices<IHostedService>().Single();
        await host.StartAsync(CancellationToken.None);
        try
        {
            var last = await _file.AppendAllAsync(flood.Declared(lead: "mes"), flood.Drafted(1, statement), flood.Submitted(2, statement));
            await _services.GetRequiredService<ProjectionHost>().WaitForPositionAsync(last).WaitAsync(RunningProjections.Patience);

            _services.GetRequiredService<IncidentBoard>().Find(flood.Id).Should().NotBeNull();
            _services.GetRequiredService<ApprovalQueue>().For("chief-1", "mes").Should().ContainSingle()
                .Which.ApprovalsRequired.Should().Be(3, "the registered policy decides before any approval");
            _services.GetRequiredService<IncidentKpis>().For(flood.Id).Should().NotBeNull();
            _services.GetRequiredService<IncidentTimeline>().ForIncident(flood.Id).Should().HaveCount(3);
            _listener.Received.Should().HaveCount(3);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
