using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace CrisisCenter.Channels.Tests.Cap;

/// <summary>
/// Validates CAP documents against the OASIS CAP 1.2 schema when a copy is present: <c>CRISISCENTER_CAP_XSD</c>, or
/// <c>shared/schemas/cap12.xsd</c> in a folder above the test binaries (the repository's sibling folder). Without a
/// copy only well-formedness (XML 1.0, characters checked) is asserted.
/// </summary>
public static class CapSchema
{
    private static readonly Lazy<XmlSchemaSet?> Schemas = new(Load);

    public static bool IsPresent => Schemas.Value is not null;

    /// <summary>Parses <paramref name="xml"/> as a reader would (XML 1.0 characters checked) and validates it.</summary>
    public static XDocument ShouldBeValidCap(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit };
        if (Schemas.Value is { } schemas)
        {
            settings.Schemas = schemas;
            settings.ValidationType = ValidationType.Schema;
            settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
            settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        }

        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader);
        errors.Should().BeEmpty("a CAP 1.2 document validates against the OASIS schema:\n{0}", xml);
        return document;
    }

    private static XmlSchemaSet? Load()
    {
        var path = Environment.GetEnvironmentVariable("CRISISCENTER_CAP_XSD") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : Ancestors(AppContext.BaseDirectory).Select(dir => Path.Combine(dir, "shared", "schemas", "cap12.xsd")).FirstOrDefault(File.Exists);
        if (path is null) return null;
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent) yield return dir.FullName;
    }
}
