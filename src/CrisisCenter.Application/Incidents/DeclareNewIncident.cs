using CrisisCenter.Domain;
using CrisisCenter.Grains.IncidentCodes;
using CrisisCenter.Grains.Incidents;
using Mediator;

namespace CrisisCenter.Application.Incidents;

/// <summary>Declares a new incident: allocates its human code (INC-2026-0042) for the year of declaration,
/// then sends <see cref="DeclareIncident"/> to the new incident's grain. A retried request (same command id)
/// gets the same incident id and the same code.</summary>
public sealed record DeclareNewIncident(
    Guid IncidentId, CommandContext Context, string? SessionId,
    string Title, string Description, IncidentCategory Category, Severity Severity, IReadOnlyList<string> Regions,
    string LeadAgency, IReadOnlyList<string> ParticipatingAgencies, Visibility Visibility,
    IReadOnlyList<Language> RequiredLanguages, bool IsPublicWarning) : ICommand<DeclaredIncident>;

public sealed record DeclaredIncident(string Code, CommandOutcome Outcome);

public sealed class DeclareNewIncidentHandler(IGrainFactory grains, IMediator mediator) : ICommandHandler<DeclareNewIncident, DeclaredIncident>
{
    public async ValueTask<DeclaredIncident> Handle(DeclareNewIncident request, CancellationToken cancellationToken)
    {
        var code = await grains.GetGrain<IIncidentCodeGrain>(request.Context.At.Year).Allocate(request.IncidentId);
        var command = new DeclareIncident(
            request.IncidentId, request.Context, code, request.Title, request.Description, request.Category, request.Severity,
            request.Regions, request.LeadAgency, request.ParticipatingAgencies, request.Visibility, request.RequiredLanguages, request.IsPublicWarning);
        var outcome = await mediator.Send(new ExecuteIncidentCommand(new CommandEnvelope(command, null, request.SessionId, request.Context.CommandId)), cancellationToken);
        return new DeclaredIncident(code, outcome);
    }
}
