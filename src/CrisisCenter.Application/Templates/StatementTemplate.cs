using CrisisCenter.Domain;

namespace CrisisCenter.Application.Templates;

/// <summary>
/// A pre-approved holding statement for one incident category, with its text in each language it was written in.
/// Texts may hold the placeholders of <see cref="TemplatePlaceholders"/>.
/// </summary>
public sealed record StatementTemplate(
    Guid TemplateId,
    string Name,
    IncidentCategory Category,
    IReadOnlyDictionary<Language, StatementText> Content,
    string ChangedBy,
    DateTimeOffset ChangedAt);

/// <summary>What an admin gives to create or change a template.</summary>
public sealed record TemplateDraft(string Name, IncidentCategory Category, IReadOnlyDictionary<Language, StatementText> Content);
