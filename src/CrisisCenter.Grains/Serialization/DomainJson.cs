using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrisisCenter.Grains.Serialization;

/// <summary>The one JSON shape of domain records: in the store, across grain calls and in the API.
/// camelCase properties, enums as strings and languages as their codes, so stored events read well and survive enum reordering.</summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new LanguageJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
