using System.Text;
using CrisisCenter.Domain.Tests.Spec;

namespace CrisisCenter.Domain.Tests.Statements;

public class ContentHashTests
{
    private static readonly IReadOnlyDictionary<Language, StatementText> Content = Sample.Content;

    private static string HashOf(IReadOnlyDictionary<Language, StatementText> content, StatementKind kind = StatementKind.Update) =>
        ContentHash.Compute(kind, content);

    private static Dictionary<Language, StatementText> With(Language language, StatementText text) =>
        new(Content) { [language] = text };

    [Fact]
    public void hash_is_64_lower_case_hex_characters() =>
        HashOf(Content).Should().MatchRegex("^[0-9a-f]{64}$");

    [Fact]
    public void equal_content_gives_equal_hash_whatever_the_dictionary_order()
    {
        var reversed = Content.Reverse().ToDictionary(pair => pair.Key, pair => pair.Value with { });
        HashOf(reversed).Should().Be(HashOf(Content));
    }

    [Fact]
    public void one_changed_character_changes_the_hash() =>
        HashOf(With(Language.Ru, Content[Language.Ru] with { Body = "Спасатели работают в пострадавших районах!" }))
            .Should().NotBe(HashOf(Content));

    [Fact]
    public void a_kazakh_letter_swapped_for_its_russian_look_alike_changes_the_hash() =>
        HashOf(With(Language.Kk, Content[Language.Kk] with { Headline = "Алматыдагы су тасқыны" }))
            .Should().NotBe(HashOf(Content));

    [Fact]
    public void an_added_language_changes_the_hash() =>
        HashOf(With(Language.En, new StatementText("Flood in Almaty", "Rescuers are at work."))).Should().NotBe(HashOf(Content));

    [Fact]
    public void a_removed_language_changes_the_hash() =>
        HashOf(Content.Where(pair => pair.Key != Language.Kk).ToDictionary()).Should().NotBe(HashOf(Content));

    [Fact]
    public void the_same_text_under_another_language_changes_the_hash()
    {
        var text = new StatementText("Алматы", "Мәтін");
        HashOf(new Dictionary<Language, StatementText> { [Language.Kk] = text })
            .Should().NotBe(HashOf(new Dictionary<Language, StatementText> { [Language.Ru] = text }));
    }

    [Fact]
    public void moving_text_between_headline_and_body_changes_the_hash() =>
        HashOf(new Dictionary<Language, StatementText> { [Language.Ru] = new("ab", "c") })
            .Should().NotBe(HashOf(new Dictionary<Language, StatementText> { [Language.Ru] = new("a", "bc") }));

    [Fact]
    public void an_empty_instruction_differs_from_no_instruction() =>
        HashOf(With(Language.Ru, Content[Language.Ru] with { Instruction = "" }))
            .Should().NotBe(HashOf(With(Language.Ru, Content[Language.Ru] with { Instruction = null })));

    [Fact]
    public void kind_and_references_are_part_of_the_hash()
    {
        HashOf(Content, StatementKind.Correction).Should().NotBe(HashOf(Content));
        ContentHash.Compute(StatementKind.Correction, Content, Sample.StatementId)
            .Should().NotBe(ContentHash.Compute(StatementKind.Correction, Content, Sample.OtherStatementId));
    }

    [Fact]
    public void composed_and_decomposed_kazakh_text_hash_the_same()
    {
        // "й" as one code point versus "и" + combining breve: the same letter typed two ways.
        var composed = new StatementText("Ақпарат", "Қайта");
        var decomposed = new StatementText("Ақпарат", "Қаи\u0306та");
        decomposed.Body.Should().NotBe(composed.Body);
        decomposed.Body.Normalize(NormalizationForm.FormC).Should().Be(composed.Body);

        HashOf(new Dictionary<Language, StatementText> { [Language.Kk] = decomposed })
            .Should().Be(HashOf(new Dictionary<Language, StatementText> { [Language.Kk] = composed }));
    }

    [Fact]
    public void the_canonical_form_is_stable() =>
        ContentHash.Compute(StatementKind.Holding, new Dictionary<Language, StatementText> { [Language.Ru] = new("Заголовок", "Текст") })
            .Should().Be(ExpectedHoldingHash());

    /// <summary>The canonical form re-implemented independently from its documentation.</summary>
    private static string ExpectedHoldingHash()
    {
        var bytes = new List<byte>();
        void Field(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            bytes.AddRange([(byte)(utf8.Length >> 24), (byte)(utf8.Length >> 16), (byte)(utf8.Length >> 8), (byte)utf8.Length]);
            bytes.AddRange(utf8);
        }

        foreach (var field in new[] { "crisiscenter.statement.v1", "Holding", "", "", "kk", "0", "ru", "1", "Заголовок", "Текст", "0", "en", "0" })
        {
            Field(field);
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.ToArray()));
    }
}
