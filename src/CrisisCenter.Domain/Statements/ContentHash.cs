using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CrisisCenter.Domain;

/// <summary>
/// SHA-256 over a canonical form of a statement revision, so an approval can name exactly the text it covers.
/// </summary>
/// <remarks>
/// Canonical form (version 1): a sequence of fields, each written as a 4-byte big-endian length followed by that
/// many bytes of UTF-8. Every text is first normalised to Unicode NFC, so visually identical Kazakh text typed
/// with combining marks hashes the same; nothing else (whitespace, line endings) is altered. Fields in order:
/// <list type="number">
/// <item>"crisiscenter.statement.v1"</item>
/// <item>kind name ("Holding", "Update", "Correction", "Retraction", "Rebuttal")</item>
/// <item>referenced statement id ("D" format, lower case) or empty</item>
/// <item>referenced rumour id ("D" format, lower case) or empty</item>
/// <item>then for each language in the fixed order kk, ru, en: its code; then "0" if absent, or "1", headline,
/// body, and "0" (no instruction) or "1" followed by the instruction.</item>
/// </list>
/// The result is 64 lower-case hex characters. Changing this form invalidates every stored approval: add a v2.
/// </remarks>
public static class ContentHash
{
    private const string FormTag = "crisiscenter.statement.v1";

    public static string Compute(
        StatementKind kind,
        IReadOnlyDictionary<Language, StatementText> content,
        Guid? referencesStatementId = null,
        Guid? referencesRumorId = null)
    {
        using var canonical = new MemoryStream();
        Write(canonical, FormTag);
        Write(canonical, kind.ToString());
        Write(canonical, referencesStatementId?.ToString("D") ?? "");
        Write(canonical, referencesRumorId?.ToString("D") ?? "");
        foreach (var language in LanguageCodes.All)
        {
            Write(canonical, language.ToCode());
            if (!content.TryGetValue(language, out var text))
            {
                Write(canonical, "0");
                continue;
            }

            Write(canonical, "1");
            Write(canonical, text.Headline);
            Write(canonical, text.Body);
            if (text.Instruction is null)
            {
                Write(canonical, "0");
            }
            else
            {
                Write(canonical, "1");
                Write(canonical, text.Instruction);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(canonical.ToArray()));
    }

    private static void Write(Stream canonical, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(field.Normalize(NormalizationForm.FormC));
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        canonical.Write(length);
        canonical.Write(bytes);
    }
}
