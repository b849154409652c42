using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisCenter.Domain;

namespace CrisisCenter.Grains.Serialization;

/// <summary>Languages travel as their ISO 639-1 codes ("kk", "ru", "en"), also as dictionary keys.</summary>
public sealed class LanguageJsonConverter : JsonConverter<Language>
{
    public override Language Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Language value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToCode());

    public override Language ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Language value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToCode());

    private static Language Parse(string? code) =>
        LanguageCodes.TryParse(code, out var language) ? language : throw new JsonException($"'{code}' is not a language: use kk, ru or en.");
}
