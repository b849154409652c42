using CrisisCenter.Domain;

namespace CrisisCenter.Application.Templates;

/// <summary>Facts of the template library, stored in the <c>templates</c> stream. Type names are stable store names.</summary>
public abstract record TemplateEvent(Guid TemplateId, string By, DateTimeOffset At);

public sealed record TemplateCreated(
    Guid TemplateId, string Name, IncidentCategory Category, IReadOnlyDictionary<Language, StatementText> Content, string By, DateTimeOffset At)
    : TemplateEvent(TemplateId, By, At);

public sealed record TemplateChanged(
    Guid TemplateId, string Name, IncidentCategory Category, IReadOnlyDictionary<Language, StatementText> Content, string By, DateTimeOffset At)
    : TemplateEvent(TemplateId, By, At);

public sealed record TemplateRemoved(Guid TemplateId, string By, DateTimeOffset At) : TemplateEvent(TemplateId, By, At);

public static class TemplateEventTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = new Dictionary<string, Type>
    {
        ["template.created.v1"] = typeof(TemplateCreated),
        ["template.changed.v1"] = typeof(TemplateChanged),
        ["template.removed.v1"] = typeof(TemplateRemoved),
    };

    public static string NameOf(Type type) => ByName.First(p => p.Value == type).Key;
}
