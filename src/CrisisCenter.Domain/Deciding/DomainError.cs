namespace CrisisCenter.Domain;

/// <summary>A rejected command: a stable <paramref name="Code"/> from <see cref="DomainErrors"/> and a human message;
/// <paramref name="Field"/> names the input at fault when one field is (as the message names it, e.g. "Body (kk)").</summary>
public sealed record DomainError(string Code, string Message, ErrorKind Kind, string? Field = null)
{
    public static DomainError Validation(string code, string message) => new(code, message, ErrorKind.Validation);

    public static DomainError NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static DomainError Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    public static DomainError Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
}
