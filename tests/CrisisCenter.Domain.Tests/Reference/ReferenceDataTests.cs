namespace CrisisCenter.Domain.Tests.Reference;

public class ReferenceDataTests
{
    [Fact]
    public void kazakhstan_has_17_regions_and_3_cities_of_republican_significance()
    {
        Regions.All.Should().HaveCount(20);
        Regions.All.Count(region => region.Kind == RegionKind.City).Should().Be(3);
        Regions.All.Select(region => region.Code).Should().OnlyHaveUniqueItems();
        Regions.All.Should().AllSatisfy(region => region.Code.Should().MatchRegex(@"^KZ-\d{2}$"));
    }

    [Theory]
    [InlineData("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region")]
    [InlineData("KZ-63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region")]
    [InlineData("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkestan Region")]
    [InlineData("KZ-75", "Алматы", "Алматы", "Almaty")]
    public void regions_carry_their_names_in_kazakh_russian_and_english(string code, string kk, string ru, string en)
    {
        Regions.TryGet(code, out var region).Should().BeTrue();
        region!.NameIn(Language.Kk).Should().Be(kk);
        region.NameIn(Language.Ru).Should().Be(ru);
        region.NameIn(Language.En).Should().Be(en);
    }

    [Fact]
    public void kazakh_names_use_kazakh_letters_not_latin_look_alikes() =>
        Regions.All.Should().AllSatisfy(region =>
            region.NameKk.Should().MatchRegex(@"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі \-]+$"));

    [Theory]
    [InlineData("KZ-99")]
    [InlineData("kz-75")]
    [InlineData("")]
    [InlineData(null)]
    public void unknown_region_codes_are_not_known(string? code) => Regions.IsKnown(code).Should().BeFalse();

    [Theory]
    [InlineData(Language.Kk, "kk")]
    [InlineData(Language.Ru, "ru")]
    [InlineData(Language.En, "en")]
    public void languages_round_trip_through_their_codes(Language language, string code)
    {
        language.ToCode().Should().Be(code);
        LanguageCodes.TryParse(code, out var parsed).Should().BeTrue();
        parsed.Should().Be(language);
    }

    [Fact]
    public void unknown_language_codes_are_not_parsed() => LanguageCodes.TryParse("de", out _).Should().BeFalse();
}
