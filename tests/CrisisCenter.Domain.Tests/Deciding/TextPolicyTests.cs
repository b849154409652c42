using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Deciding;

/// <summary>The one rule for the characters a stored text may hold (<see cref="TextPolicy"/>), as every command meets it.</summary>
public class TextPolicyTests
{
    // Code units, not strings: the test runner passes theory strings through UTF-8, which mends a lone surrogate.
    public static TheoryData<int> Refused => new() { 0x0000, 0x0001, 0x000B, 0x000C, 0x001B, 0x007F, 0x0085, 0x009F, 0xD800, 0xDC00, 0xFFFE, 0xFFFF, 0x202A, 0x202E, 0x2066, 0x2069 };

    [Theory]
    [MemberData(nameof(Refused))]
    public void a_refused_character_is_found_with_its_code_point_and_place(int codeUnit)
    {
        var codePoint = $"U+{codeUnit:X4}";
        var found = TextPolicy.FirstForbidden("Паводок " + (char)codeUnit + " в Алматы");

        found.Should().NotBeNull();
        found!.Value.CodePoint.Should().Be(codePoint);
        found.Value.Index.Should().Be(8);
        found.Value.Explanation.Should().Contain(codePoint).And.Contain("at character 9");
    }

    [Theory]
    [InlineData("Tab\tnewline\ncarriage return\r\n")]
    [InlineData("Қазақ тілі, русский, English")]
    [InlineData("no-break\u00A0space, soft\u00ADhyphen, zero\u200Bwidth, joiner\u200D")]
    [InlineData("marks \u200E left-to-right and \u200F right-to-left")]
    [InlineData("emoji 🌊 and a flag 🇰🇿 (surrogate pairs)")]
    [InlineData("line\u2028separator and paragraph\u2029separator")]
    [InlineData("")]
    public void ordinary_text_of_every_script_is_allowed(string text) =>
        TextPolicy.FirstForbidden(text).Should().BeNull();

    [Fact]
    public void a_vertical_tab_is_explained_with_what_to_do_instead() =>
        TextPolicy.FirstForbidden("a\u000Bb")!.Value.Explanation.Should().Contain("vertical tab").And.Contain("line break");

    [Fact]
    public void clean_replaces_each_refused_character_and_keeps_the_rest() =>
        TextPolicy.Clean("Bad\u0000 gateway\u000B 🌊 \uD800 \u202Eend").Should().Be("Bad\uFFFD gateway\uFFFD 🌊 \uFFFD \uFFFDend");

    [Fact]
    public void a_statement_body_with_a_vertical_tab_is_refused_naming_field_and_character()
    {
        var content = new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new("Су тасқыны", "Құтқарушылар\u000Bжұмыс істеп жатыр."),
            [Language.Ru] = Content[Language.Ru],
        };

        var error = Given(Declared())
            .When(new DraftStatement(IncidentId, By(PressOfficer), StatementId, StatementKind.Update, content))
            .ThenRejects(DomainErrors.ForbiddenCharacter, ErrorKind.Validation);

        error.Field.Should().Be("Body (kk)");
        error.Message.Should().Contain("Body (kk)").And.Contain("U+000B");
    }

    [Fact]
    public void a_revised_headline_with_a_null_character_is_refused() =>
        Given(Declared(), Drafted())
            .When(new ReviseStatement(IncidentId, By(PressOfficer), StatementId, new Dictionary<Language, StatementText>
            {
                [Language.Kk] = Content[Language.Kk],
                [Language.Ru] = new("Паводок\u0000", "Спасатели работают."),
            }))
            .ThenRejects(DomainErrors.ForbiddenCharacter).Field.Should().Be("Headline (ru)");

    [Fact]
    public void an_incident_title_with_a_right_to_left_override_is_refused() =>
        Given()
            .When(new DeclareIncident(IncidentId, By(PressOfficer), Code, "Flood \u202Eytamla", "Mudflow.", IncidentCategory.Met,
                Severity.Moderate, [Almaty], LeadAgency, [], Visibility.Normal, [], true))
            .ThenRejects(DomainErrors.ForbiddenCharacter).Message.Should().Contain("U+202E").And.Contain("right-to-left override");

    [Fact]
    public void a_situation_update_with_a_control_character_is_refused() =>
        Given(Declared())
            .When(new LogSituationUpdate(IncidentId, By(PressOfficer), UpdateId, "45 mm\u0001 of rain", Language.En, "Kazhydromet", Almaty, true))
            .ThenRejects(DomainErrors.ForbiddenCharacter).Field.Should().Be("Text");

    [Fact]
    public void a_rumour_claim_with_an_unpaired_surrogate_is_refused() =>
        Given(Declared())
            .When(new LogRumor(IncidentId, By(PressOfficer), RumorId, "The dam \uD83D broke", "Telegram", null, At(1), 100))
            .ThenRejects(DomainErrors.ForbiddenCharacter).Message.Should().Contain("U+D83D");

    [Fact]
    public void a_reason_with_an_escape_character_is_refused() =>
        Given(Declared())
            .When(new ChangeIncidentSeverity(IncidentId, By(PressOfficer), Severity.Severe, "Water rising\u001B[31m"))
            .ThenRejects(DomainErrors.ForbiddenCharacter).Field.Should().Be("Reason");

    [Fact]
    public void text_with_tabs_line_breaks_and_no_break_spaces_is_accepted() =>
        Given(Declared())
            .When(new LogSituationUpdate(IncidentId, By(PressOfficer), UpdateId, "45\u00A0mm\tof rain\r\nin 12 hours 🌧", Language.En, "Kazhydromet", Almaty, true))
            .ThenAccepts().Should().ContainSingle();
}
