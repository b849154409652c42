using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.IncidentCodes;
using CrisisCenter.Grains.Incidents;
using Mediator;

namespace CrisisCenter.Application.Incidents;

/// <summary>Declares a new incident: allocates its human code (INC-2026-0042) for the year of declaration,
/// then sends <see cref="DeclareIncident"/> to the new incident's grain. A retried request (same command id)
/// gets the same incident id and the same code. A declaration the domain refuses allocates no code.</summary>
public sealed record DeclareNewIncident(
    Guid IncidentId, CommandContext Context, string? SessionId,
    string Title, string Description, IncidentCategory Category, Severity Severity, IReadOnlyList<string> Regions,
    string LeadAgency, IReadOnlyList<string> ParticipatingAgencies, Visibility Visibility,
    IReadOnlyList<Language> RequiredLanguages, bool IsPublicWarning) : ICommand<DeclaredIncident>;

public sealed record DeclaredIncident(string Code, CommandOutcome Outcome);

public sealed class DeclareNewIncidentHandler(IGrainFactory grains, IMediator mediator, IncidentPolicy? policy = null)
    : ICommandHandler<DeclareNewIncident, DeclaredIncident>
{
    private readonly IncidentPolicy _policy = policy ?? IncidentPolicy.Default;

    public async ValueTask<DeclaredIncident> Handle(DeclareNewIncident request, CancellationToken cancellationToken)
    {
        // The domain decides first, on the incident as it is before any declaration: a refused declaration (not the
        // lead agency's press officer, an unknown region...) must not write a code allocation to the store nor
        // leave a gap in the year's codes. The code is checked only for being present, so a stand-in decides alike;
        // the grain decides again with the real code.
        var trial = Incident.Decide(IncidentState.Initial, Declaration(request, IncidentCode.Format(request.Context.At.Year, 1)), _policy);
        if (trial.IsRejected)
            return new DeclaredIncident("", new CommandOutcome(CommandStatus.Rejected, Revision: -1, GlobalPosition.Start, EventCount: 0, trial.Error));

        var code = await grains.GetGrain<IIncidentCodeGrain>(request.Context.At.Year).Allocate(request.IncidentId);
        var command = Declaration(request, code);
        var outcome = await mediator.Send(new ExecuteIncidentCommand(new CommandEnvelope(command, null, request.SessionId, request.Context.CommandId)), cancellationToken);
        return new DeclaredIncident(code, outcome);
    }

    private static DeclareIncident Declaration(DeclareNewIncident request, string code) => new(
        request.IncidentId, request.Context, code, request.Title, request.Description, request.Category, request.Severity,
        request.Regions, request.LeadAgency, request.ParticipatingAgencies, request.Visibility, request.RequiredLanguages, request.IsPublicWarning);
}
