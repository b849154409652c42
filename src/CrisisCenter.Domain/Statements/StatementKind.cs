namespace CrisisCenter.Domain;

public enum StatementKind
{
    /// <summary>First response, possibly from a pre-approved template.</summary>
    Holding,
    Update,

    /// <summary>References a published statement; its posts edit or reply to the original's posts.</summary>
    Correction,

    /// <summary>References a published statement; its posts cancel the original's posts.</summary>
    Retraction,

    /// <summary>References a logged rumour; publishing it marks the rumour rebutted.</summary>
    Rebuttal,
}
