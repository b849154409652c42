namespace CrisisCenter.Application.Projections;

/// <summary>
/// An in-memory read model bounded by live work (the board, the approval queue) that a node restores from its
/// <see cref="ReadStore"/> at start instead of replaying history: after each batch the host saves the state of every
/// incident the batch touched, in the batch's transaction.
/// </summary>
public interface IRestorableProjection : IProjection
{
    /// <summary>Names this projection's rows in the read store; stable across versions of the same schema.</summary>
    string StateName { get; }

    /// <summary>What this projection keeps of one incident, as text; null when it keeps nothing of it.</summary>
    string? SaveIncident(Guid incidentId);

    /// <summary>Takes back one incident's state saved by <see cref="SaveIncident"/>. Called before any event is applied.</summary>
    void RestoreIncident(Guid incidentId, string state);

    /// <summary>The batch whose states were just saved is committed (e.g. to let go of rows the read store now holds).
    /// Called on the host's loop.</summary>
    void Committed()
    {
    }

    /// <summary>Forgets everything (before restoring again, when a batch failed after it was applied in memory).</summary>
    void Clear();
}
