using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Web.Api;

/// <summary>The API speaks the domain's JSON (camelCase, enums as names, languages as codes) and refuses
/// ambiguous input: a property given twice is an error, not "last one wins".</summary>
public static class ApiJson
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = DomainJson.Options.PropertyNamingPolicy;
        options.PropertyNameCaseInsensitive = true;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = 32;
        foreach (var converter in DomainJson.Options.Converters) options.Converters.Add(converter);
    }
}
