namespace CrisisCenter.Domain;

public enum ChannelPostAction
{
    /// <summary>A new post carrying a statement.</summary>
    Publish,

    /// <summary>Edit of, or reply to, an original post (Correction statements).</summary>
    Correct,

    /// <summary>Cancel or delete an original post (Retraction statements).</summary>
    Retract,
}
