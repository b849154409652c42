namespace CrisisCenter.Domain;

public enum StatementStatus
{
    /// <summary>Being edited; the current revision may be submitted.</summary>
    Draft,

    /// <summary>The current revision was submitted and collects approvals.</summary>
    InReview,

    /// <summary>The current revision has enough valid approvals to be published.</summary>
    Approved,

    /// <summary>Rejected with a reason; a new revision returns it to Draft.</summary>
    Rejected,

    Published,

    /// <summary>Was published, then a published Correction referenced it.</summary>
    Corrected,

    /// <summary>Was published, then a published Retraction referenced it.</summary>
    Retracted,
}
