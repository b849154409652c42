using System.ComponentModel.DataAnnotations;
using CrisisCenter.Web.Hosting;

namespace CrisisCenter.Web.Tests.Hosting;

public sealed class CrisisCenterOptionsTests
{
    private static List<ValidationResult> Validate(CrisisCenterOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void the_office_clock_is_almaty_unless_configured()
    {
        var options = new CrisisCenterOptions();
        options.TimeZone.Should().Be("Asia/Almaty");
        options.OfficeTimeZone().GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)).Should().Be(TimeSpan.FromHours(5));
        Validate(options).Should().BeEmpty();
    }

    [Fact]
    public void another_iana_zone_is_accepted()
    {
        var options = new CrisisCenterOptions { TimeZone = "Asia/Aqtau" };
        Validate(options).Should().BeEmpty();
        options.OfficeTimeZone().Id.Should().Be("Asia/Aqtau");
    }

    [Fact]
    public void an_unknown_zone_is_refused_at_start_with_the_setting_named()
    {
        Validate(new CrisisCenterOptions { TimeZone = "Asia/Atlantis" }).Should().ContainSingle()
            .Which.ErrorMessage.Should().Contain("CrisisCenter:TimeZone 'Asia/Atlantis'");
    }
}
