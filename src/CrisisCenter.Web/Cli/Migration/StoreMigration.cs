using CrisisCenter.EventStore;

namespace CrisisCenter.Web.Cli.Migration;

/// <summary>
/// Copies every stream of one event store into another (SQLite to EventStoreDB, or between any two backends) and
/// proves the copy:
/// 1. survey: the source's streams and their last revisions;
/// 2. the source's hash chains are verified first - the target computes its own chains from the same content, so
///    copying a tampered stream would hide the tampering; a broken source stops the run before anything is copied;
/// 3. copy in the source's global order (so the target's $all, and every read model built from it, has the same
///    order), consecutive events of one stream in one append, each append expecting exactly the revision the target
///    stream has, with the source's event ids, types, data and metadata;
/// 4. compare every stream (<see cref="StoreComparison"/>).
/// Resumable: each stream continues after what the target already holds (compared by revision, checked by event id),
/// and appends are idempotent by event id, so an interrupted run is simply run again.
/// </summary>
public sealed class StoreMigration(IEventStore source, IEventStore target, TextWriter? log = null)
{
    /// <summary>Events per append at most; EventStoreDB also caps one append at 1 MiB by default (see <see cref="MaxBytesPerAppend"/>).</summary>
    public const int MaxEventsPerAppend = 500;
    public const int MaxBytesPerAppend = 512 * 1024;

    /// <summary>Every stream except the server's own system streams ($...).</summary>
    private static readonly StreamFilter AllStreams = new([]);

    public async Task<MigrationReport> RunAsync(Action<CopyProgress>? afterAppend = null, CancellationToken cancellationToken = default)
    {
        var survey = await SurveyAsync(cancellationToken);
        var events = survey.Values.Sum(last => last + 1);
        log?.WriteLine($"Source: {survey.Count} streams, {events} events.");

        var broken = new List<VerificationResult>();
        var sourceVerifier = new StreamVerifier(source);
        foreach (var stream in survey.Keys)
        {
            var result = await sourceVerifier.VerifyAsync(stream, cancellationToken);
            if (!result.IsIntact) broken.Add(result);
        }
        if (broken.Count > 0)
            return new MigrationReport(survey.Count, events, 0, 0, 0, broken, []);
        log?.WriteLine("Source hash chains: all intact.");

        var copy = new StreamCopy(source, target, survey, events, afterAppend);
        await copy.RunAsync(cancellationToken);
        log?.WriteLine($"Copied {copy.Copied} events in {copy.Appends} appends; {copy.AlreadyInTarget} were in the target already.");

        var comparison = new StoreComparison(source, target);
        var problems = new List<StreamProblem>();
        foreach (var stream in survey.Keys)
            if (await comparison.CompareAsync(stream, cancellationToken) is { } problem)
                problems.Add(problem);
        return new MigrationReport(survey.Count, events, copy.Copied, copy.AlreadyInTarget, copy.Appends, [], problems);
    }

    /// <summary>Streams of the source in order of first appearance, with their last revision.</summary>
    private async Task<Dictionary<string, long>> SurveyAsync(CancellationToken cancellationToken)
    {
        var streams = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var e in source.ReadAllAsync(GlobalPosition.Start, AllStreams, long.MaxValue, cancellationToken))
            streams[e.Stream] = streams.TryGetValue(e.Stream, out var last) ? Math.Max(last, e.Revision) : e.Revision;
        return streams;
    }

    /// <summary>One pass over the source's $all, appending what the target lacks.</summary>
    private sealed class StreamCopy(IEventStore source, IEventStore target, IReadOnlyDictionary<string, long> survey, long eventsInSource, Action<CopyProgress>? afterAppend)
    {
        private readonly Dictionary<string, long?> targetLast = new(StringComparer.Ordinal);
        private readonly List<RecordedEvent> batch = [];
        private long batchBytes;

        public long Copied { get; private set; }
        public long AlreadyInTarget { get; private set; }
        public int Appends { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await foreach (var e in source.ReadAllAsync(GlobalPosition.Start, AllStreams, long.MaxValue, cancellationToken))
            {
                if (batch.Count > 0 && (!string.Equals(batch[0].Stream, e.Stream, StringComparison.Ordinal) || batch.Count >= MaxEventsPerAppend || batchBytes >= MaxBytesPerAppend))
                    await FlushAsync(cancellationToken);

                if (!targetLast.TryGetValue(e.Stream, out var last))
                    targetLast[e.Stream] = last = await TargetLastRevisionAsync(e.Stream, cancellationToken);
                if (e.Revision <= (last ?? -1))
                {
                    AlreadyInTarget++;
                    continue;
                }
                var next = (batch.Count > 0 ? batch[^1].Revision : last ?? -1) + 1;
                if (e.Revision != next)
                    throw new StoreMigrationException($"Source stream {e.Stream} jumps to revision {e.Revision} where {next} was due: the source changed or lost an event during the migration.");
                batch.Add(e);
                // The data plus room for the metadata and hash-chain fields each event carries.
                batchBytes += e.Data.Length + 512;
            }
            if (batch.Count > 0)
                await FlushAsync(cancellationToken);
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            var stream = batch[0].Stream;
            var expected = ExpectedRevision.FromLastRevision(targetLast[stream]);
            var events = batch.Select(e => new EventData(e.EventId, e.Type, e.Data, e.Metadata)).ToList();
            var result = await target.AppendAsync(stream, expected, events, cancellationToken);
            if (result.NextExpectedRevision != batch[^1].Revision)
                throw new StoreMigrationException($"The target put revisions {batch[0].Revision}..{batch[^1].Revision} of {stream} at revision {result.NextExpectedRevision}.");
            targetLast[stream] = result.NextExpectedRevision;
            Copied += batch.Count;
            Appends++;
            batch.Clear();
            batchBytes = 0;
            afterAppend?.Invoke(new CopyProgress(Copied, AlreadyInTarget, eventsInSource));
        }

        /// <summary>What the target already holds of a stream, after checking it is the start of the same stream:
        /// the same event at its last revision, and not more events than the source.</summary>
        private async Task<long?> TargetLastRevisionAsync(string stream, CancellationToken cancellationToken)
        {
            var last = await target.GetStreamRevisionAsync(stream, cancellationToken);
            if (last is not { } revision)
                return null;
            if (survey.TryGetValue(stream, out var sourceLast) && revision > sourceLast)
                throw new StoreMigrationException($"Target stream {stream} has {revision + 1} events, the source {sourceLast + 1}: the target is not a copy of this source.");
            var atTarget = await EventAtAsync(target, stream, revision, cancellationToken);
            var atSource = await EventAtAsync(source, stream, revision, cancellationToken);
            if (atTarget?.EventId != atSource?.EventId)
                throw new StoreMigrationException($"Target stream {stream} holds event {atTarget?.EventId} at revision {revision} where the source has {atSource?.EventId}: the target is not a copy of this source.");
            return revision;
        }

        private static async Task<RecordedEvent?> EventAtAsync(IEventStore store, string stream, long revision, CancellationToken cancellationToken)
        {
            await foreach (var e in store.ReadStreamAsync(stream, revision, ReadDirection.Forwards, 1, cancellationToken))
                return e;
            return null;
        }
    }
}
