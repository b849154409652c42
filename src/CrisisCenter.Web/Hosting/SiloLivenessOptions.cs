namespace CrisisCenter.Web.Hosting;

/// <summary>
/// Section "Orleans:Liveness": Orleans' failure detector. A silo that stops answering is suspected after
/// <see cref="NumMissedProbesLimit"/> missed probes of <see cref="ProbeTimeout"/> each and declared dead once
/// <see cref="NumVotesForDeathDeclaration"/> silos agree; only then do its grains activate elsewhere. Orleans' defaults
/// (seconds to tens of seconds) suit production; the cluster tests shorten them to bound failover time. Unset keys keep
/// Orleans' defaults.
/// </summary>
public sealed class SiloLivenessOptions
{
    /// <summary>Orleans:Liveness:ProbeTimeout, e.g. "00:00:02": the initial timeout (and period) of a liveness probe.</summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>Orleans:Liveness:NumMissedProbesLimit: missed probes before a silo suspects another.</summary>
    public int? NumMissedProbesLimit { get; set; }

    /// <summary>Orleans:Liveness:NumVotesForDeathDeclaration: suspicions needed to declare a silo dead.</summary>
    public int? NumVotesForDeathDeclaration { get; set; }

    /// <summary>Orleans:Liveness:TableRefreshTimeout: period of reading the membership table.</summary>
    public TimeSpan? TableRefreshTimeout { get; set; }

    public bool IsSet => ProbeTimeout is not null || NumMissedProbesLimit is not null || NumVotesForDeathDeclaration is not null || TableRefreshTimeout is not null;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ProbeTimeout is { } probe && probe <= TimeSpan.Zero)
            problems.Add($"Orleans:Liveness:ProbeTimeout {probe} is not a positive duration (e.g. \"00:00:02\").");
        if (NumMissedProbesLimit is < 1)
            problems.Add($"Orleans:Liveness:NumMissedProbesLimit {NumMissedProbesLimit} must be at least 1.");
        if (NumVotesForDeathDeclaration is < 1)
            problems.Add($"Orleans:Liveness:NumVotesForDeathDeclaration {NumVotesForDeathDeclaration} must be at least 1.");
        if (TableRefreshTimeout is { } refresh && refresh <= TimeSpan.Zero)
            problems.Add($"Orleans:Liveness:TableRefreshTimeout {refresh} is not a positive duration (e.g. \"00:00:05\").");
        return problems;
    }

    /// <summary>Copies the keys that are set onto Orleans' options.</summary>
    public void ApplyTo(Orleans.Configuration.ClusterMembershipOptions membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        if (ProbeTimeout is { } probe) membership.ProbeTimeout = probe;
        if (NumMissedProbesLimit is { } missed) membership.NumMissedProbesLimit = missed;
        if (NumVotesForDeathDeclaration is { } votes) membership.NumVotesForDeathDeclaration = votes;
        if (TableRefreshTimeout is { } refresh) membership.TableRefreshTimeout = refresh;
    }
}
