namespace CrisisCenter.Domain;

/// <summary>
/// Input checks shared by the decisions. Each returns null when satisfied, so checks chain with <c>??</c>
/// and the first failure becomes the rejection.
/// </summary>
internal static class Require
{
    public static DomainError? Text(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value)
            ? DomainError.Validation(DomainErrors.Required, $"{field} is required.") with { Field = field }
            : OptionalText(value, field, maxLength);

    public static DomainError? OptionalText(string? value, string field, int maxLength) =>
        value is not null && value.Length > maxLength
            ? DomainError.Validation(DomainErrors.TooLong, $"{field} is longer than {maxLength} characters.") with { Field = field }
            : AllowedCharacters(value, field);

    /// <summary>Every text field goes through here (via <see cref="OptionalText"/>): the one <see cref="TextPolicy"/>.</summary>
    public static DomainError? AllowedCharacters(string? value, string field) =>
        TextPolicy.FirstForbidden(value) is { } forbidden
            ? DomainError.Validation(
                DomainErrors.ForbiddenCharacter, $"{field} {forbidden.Explanation}") with { Field = field }
            : null;

    public static DomainError? Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? null
            : DomainError.Validation(DomainErrors.UnknownValue, $"{field} '{value}' is not a known {typeof(TEnum).Name}.");

    public static DomainError? Id(Guid id, string field) =>
        id == Guid.Empty ? DomainError.Validation(DomainErrors.Required, $"{field} is required.") : null;

    public static DomainError? KnownRegions(IReadOnlyList<string>? regions)
    {
        if (regions is null || regions.Count == 0)
        {
            return DomainError.Validation(DomainErrors.Required, "At least one region is required.");
        }

        return regions.FirstOrDefault(code => !CrisisCenter.Domain.Regions.IsKnown(code)) is { } unknown
            ? DomainError.Validation(DomainErrors.UnknownRegion, $"Region '{unknown}' is not a known ISO 3166-2:KZ code.")
            : null;
    }

    public static DomainError? Each<T>(IEnumerable<T>? items, Func<T, DomainError?> check) =>
        (items ?? []).Select(check).FirstOrDefault(error => error is not null);

    public static DomainError? Link(string? link, int maxLength)
    {
        if (link is null)
        {
            return null;
        }

        return OptionalText(link, "Link", maxLength)
               ?? (Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                   ? null
                   : DomainError.Validation(DomainErrors.InvalidLink, "Link must be an absolute http(s) URL."));
    }
}
