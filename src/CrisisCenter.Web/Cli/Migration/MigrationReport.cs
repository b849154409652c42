using CrisisCenter.EventStore;

namespace CrisisCenter.Web.Cli.Migration;

/// <summary>Where the copy stands, after every append to the target.</summary>
public sealed record CopyProgress(long EventsCopied, long EventsAlreadyInTarget, long EventsInSource);

/// <summary>Something about one stream that makes the target not an exact copy of the source.</summary>
public sealed record StreamProblem(string Stream, long? Revision, string Problem)
{
    public override string ToString() =>
        Revision is { } revision ? $"{Stream} at revision {revision}: {Problem}" : $"{Stream}: {Problem}";
}

/// <summary>The outcome of one run of migrate-store.</summary>
/// <param name="BrokenSourceStreams">Source streams whose hash chain does not hold. When there are any, nothing is
/// copied: the target recomputes every chain, so copying would erase the evidence of the tampering.</param>
/// <param name="TargetProblems">Streams of the target that are not an exact, intact copy of the source's.</param>
public sealed record MigrationReport(
    int Streams,
    long Events,
    long Copied,
    long AlreadyInTarget,
    int Appends,
    IReadOnlyList<VerificationResult> BrokenSourceStreams,
    IReadOnlyList<StreamProblem> TargetProblems)
{
    public bool Succeeded => BrokenSourceStreams.Count == 0 && TargetProblems.Count == 0;
}

/// <summary>The target cannot become a copy of the source (it holds other events), so the migration stopped.</summary>
public sealed class StoreMigrationException(string message) : Exception(message);
