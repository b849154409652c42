namespace CrisisCenter.Domain;

/// <summary>What kind of "no" a rejection is; the web edge maps it to a status code once.</summary>
public enum ErrorKind
{
    /// <summary>The command itself is malformed or out of bounds (422/400).</summary>
    Validation,

    /// <summary>The incident or an entity the command names does not exist (404).</summary>
    NotFound,

    /// <summary>The actor may not do this (403).</summary>
    Forbidden,

    /// <summary>The command is well-formed but contradicts the current state (409).</summary>
    Conflict,
}
