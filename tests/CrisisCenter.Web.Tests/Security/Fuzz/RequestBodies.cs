using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>
/// Plausible JSON bodies for an endpoint, made from the CLR type of its body (field names in the API's camelCase,
/// values of the right JSON kind, reference values such as region and agency codes from <paramref name="hint"/>),
/// so a mutation of one field is the only thing wrong with a request. A new body type needs nothing here.
/// </summary>
public static class RequestBodies
{
    public static JsonNode? Plausible(Type type, Func<string, string?> hint, string name = "", int depth = 0)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (hint(name) is { } hinted && (underlying == typeof(string) || underlying == typeof(Language))) return JsonValue.Create(hinted);
        if (underlying == typeof(string)) return JsonValue.Create($"Fuzz {name}");
        if (underlying == typeof(Language)) return JsonValue.Create("ru");
        if (underlying.IsEnum) return JsonValue.Create(Enum.GetNames(underlying)[0]);
        if (underlying == typeof(bool)) return JsonValue.Create(true);
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short)) return JsonValue.Create(1);
        if (underlying == typeof(double) || underlying == typeof(decimal) || underlying == typeof(float)) return JsonValue.Create(1.5);
        if (underlying == typeof(Guid)) return JsonValue.Create(hint(name) is { } id ? id : Guid.NewGuid().ToString());
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime)) return JsonValue.Create(DateTimeOffset.UtcNow.AddMinutes(-5));
        if (depth > 4) return null;
        if (Dictionary(underlying) is { } entry)
        {
            var key = entry.Key == typeof(Language) ? "ru" : "key";
            return new JsonObject { [key] = Plausible(entry.Value, hint, name, depth + 1) };
        }

        if (underlying != typeof(string) && Element(underlying) is { } element)
            return new JsonArray(Plausible(element, hint, Singular(name), depth + 1));

        var body = new JsonObject();
        foreach (var property in underlying.GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.DeclaringType != typeof(object)))
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            body[field] = Plausible(property.PropertyType, hint, field, depth + 1);
        }

        return body;
    }

    /// <summary>The JSON of a value of another kind than a field's own.</summary>
    public static JsonNode? WrongKind(JsonNode? current, int choice)
    {
        JsonNode?[] others =
        [
            JsonValue.Create(42), JsonValue.Create(-1.5e300), JsonValue.Create(true), JsonValue.Create("text"), new JsonArray(1, "two"),
            new JsonObject { ["nested"] = "object" }, null, JsonValue.Create(long.MaxValue), JsonValue.Create(0),
        ];
        var kind = current?.GetValueKind();
        var candidates = others.Where(o => o?.GetValueKind() != kind).ToArray();
        return candidates[choice % candidates.Length]?.DeepClone();
    }

    private static KeyValuePair<Type, Type>? Dictionary(Type type)
    {
        var dictionary = new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        return dictionary is null ? null : new(dictionary.GetGenericArguments()[0], dictionary.GetGenericArguments()[1]);
    }

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType()
        : new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;
}
