using CrisisCenter.Application.Templates;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Templates;

public sealed class TemplatePlaceholdersTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 18, 30, 0, TimeSpan.Zero);

    private static StatementTemplate Template(params (Language Language, StatementText Text)[] texts) =>
        new(Guid.NewGuid(), "Test", IncidentCategory.Geo, texts.ToDictionary(t => t.Language, t => t.Text), "admin", Now);

    private static readonly StatementTemplate Flood = Template(
        (Language.Kk, new StatementText("{region}", "{time}", "{hotline}")),
        (Language.Ru, new StatementText("{region}", "{time}", "{hotline}")),
        (Language.En, new StatementText("{region}", "{time}", null)));

    [Fact]
    public void the_region_is_the_incidents_first_region_named_in_each_language()
    {
        var filled = TemplatePlaceholders.Fill(Flood, ["KZ-19", "KZ-75"], new PlaceholderValues(), Now);

        filled[Language.Kk].Headline.Should().Be("Алматы облысы");
        filled[Language.Ru].Headline.Should().Be("Алматинская область");
        filled[Language.En].Headline.Should().Be("Almaty Region");
    }

    [Fact]
    public void a_region_given_by_the_press_officer_replaces_the_incidents()
    {
        var filled = TemplatePlaceholders.Fill(Flood, ["KZ-19"], new PlaceholderValues(Region: "Medeu district"), Now);

        filled.Values.Select(t => t.Headline).Should().AllBe("Medeu district");
    }

    [Fact]
    public void the_time_defaults_to_the_moment_of_drafting_on_kazakhstans_clock()
    {
        var filled = TemplatePlaceholders.Fill(Flood, ["KZ-75"], new PlaceholderValues(), Now);

        var offset = TemplatePlaceholders.Kazakhstan.GetUtcOffset(Now);
        offset.Should().BeGreaterThan(TimeSpan.Zero, "Kazakhstan is east of Greenwich");
        filled[Language.Ru].Body.Should().Be((Now + offset).ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void a_given_time_is_shown_on_kazakhstans_clock_whatever_its_offset()
    {
        var given = new DateTimeOffset(2026, 5, 20, 23, 30, 0, TimeSpan.FromHours(-4)); // 03:30 UTC on the 21st

        var filled = TemplatePlaceholders.Fill(Flood, ["KZ-75"], new PlaceholderValues(Time: given), Now);

        filled[Language.Kk].Body.Should().Be(TemplatePlaceholders.FormatTime(given.ToUniversalTime()));
        filled[Language.Kk].Body.Should().StartWith("21.05.2026 0");
    }

    [Fact]
    public void the_hotline_defaults_to_112()
    {
        TemplatePlaceholders.Fill(Flood, ["KZ-75"], new PlaceholderValues(), Now)[Language.Ru].Instruction.Should().Be("112");
        TemplatePlaceholders.Fill(Flood, ["KZ-75"], new PlaceholderValues(Hotline: " 109 "), Now)[Language.Ru].Instruction.Should().Be("109");
    }

    [Fact]
    public void every_occurrence_is_filled_and_unknown_braces_are_left_as_written()
    {
        var template = Template((Language.En, new StatementText("{region} / {region}", "Call {hotline} or {hotlne}.")));

        var filled = TemplatePlaceholders.Fill(template, ["KZ-71"], new PlaceholderValues(), Now);

        filled[Language.En].Should().Be(new StatementText("Astana / Astana", "Call 112 or {hotlne}."));
    }

    [Fact]
    public void an_incident_without_a_known_region_leaves_the_region_empty_rather_than_a_placeholder()
    {
        var filled = TemplatePlaceholders.Fill(Flood, [], new PlaceholderValues(), Now);

        filled[Language.Ru].Headline.Should().BeEmpty();
    }
}
