using CrisisCenter.Domain;

namespace CrisisCenter.Application.Pipeline;

/// <summary>A message that can check its own fields before any handler runs.
/// Field names are the JSON names the API client sent (camelCase).</summary>
public interface IValidate
{
    IReadOnlyDictionary<string, string[]> Validate();
}

/// <summary>Field-level problems with a request; the web edge answers 400 with these errors.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are not valid: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Collects field problems with a fluent, allocation-light shape.</summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, List<string>> _problems = new(StringComparer.Ordinal);

    public FieldProblems Add(string field, string message)
    {
        if (!_problems.TryGetValue(field, out var list)) _problems[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldProblems Required(string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "Required.") : Optional(field, value, maxLength);

    /// <summary>Length, then the domain's one <see cref="TextPolicy"/> (the same rule the domain applies again to
    /// every command, so a caller that skips this edge is refused too).</summary>
    public FieldProblems Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) return Add(field, $"At most {maxLength} characters.");
        return TextPolicy.FirstForbidden(value) is { } forbidden ? Add(field, "Text " + forbidden.Explanation) : this;
    }

    public FieldProblems When(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
