using CrisisCenter.EventStore;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Grains.IncidentCodes;

/// <summary>
/// The code allocator of one year. Its memory is the stream of the year: replayed on activation, appended to with
/// the expected revision, so two activations (a failover) can never hand out the same number.
/// </summary>
public sealed partial class IncidentCodeGrain(IEventStore store, ILogger<IncidentCodeGrain> logger) : Grain, IIncidentCodeGrain
{
    /// <summary>Appends tried before giving up when other writers keep winning the race for the next number.</summary>
    private const int MaxAttempts = 3;

    private const long NoRevision = -1;

    private readonly Dictionary<Guid, int> numbersByIncident = [];
    private int year;
    private string stream = "";
    private int lastNumber;
    private long revision = NoRevision;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyLong();
        if (key is < IncidentCode.FirstYear or > IncidentCode.LastYear)
            throw new InvalidOperationException($"Incident codes are kept per year {IncidentCode.FirstYear}..{IncidentCode.LastYear}; {key} is not one.");
        year = (int)key;
        stream = IncidentCodeStreams.For(year);
        await CatchUpAsync(cancellationToken);
    }

    async Task<string> IIncidentCodeGrain.Allocate(Guid incidentId)
    {
        if (incidentId == Guid.Empty)
            throw new ArgumentException("An incident code is allocated to a real incident id.", nameof(incidentId));

        for (var attempt = 1; ; attempt++)
        {
            if (numbersByIncident.TryGetValue(incidentId, out var known))
                return IncidentCode.Format(year, known);

            var allocation = new IncidentCodeAllocated(incidentId, lastNumber + 1);
            var expected = revision == NoRevision ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision);
            try
            {
                var result = await store.AppendAsync(stream, expected, [allocation.ToEventData(year)]);
                if (result.NextExpectedRevision == revision + 1)
                    Apply(allocation, result.NextExpectedRevision);
                else
                    await CatchUpAsync(); // an earlier try of this allocation was stored at another place: read it
            }
            catch (WrongExpectedRevisionException conflict) when (attempt < MaxAttempts)
            {
                LogStaleView(logger, stream, revision, conflict.ActualRevision, conflict);
                await CatchUpAsync();
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var recorded in store.ReadStreamAsync(stream, revision + 1, ReadDirection.Forwards, cancellationToken: cancellationToken))
        {
            if (IncidentCodeAllocated.From(recorded) is { } allocation)
                Apply(allocation, recorded.Revision);
            else
                revision = recorded.Revision;
        }
    }

    private void Apply(IncidentCodeAllocated allocation, long atRevision)
    {
        numbersByIncident.TryAdd(allocation.IncidentId, allocation.Number);
        lastNumber = Math.Max(lastNumber, allocation.Number);
        revision = atRevision;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} moved on behind this activation (seen {Revision}, stored {ActualRevision}); reading up to date and allocating again.")]
    private static partial void LogStaleView(ILogger logger, string stream, long revision, long? actualRevision, Exception exception);
}
