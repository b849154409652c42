using CrisisCenter.Application.Projections;
using CrisisCenter.Web.Reports;

namespace CrisisCenter.Web.Tests.Reports;

public sealed class TimelineCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    public void text_cells_are_quoted_only_when_rfc_4180_needs_it(string value, string cell) =>
        TimelineCsv.Text(value).Should().Be(cell);

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+7 701 000 0000", "'+7 701 000 0000")]
    [InlineData("-2 m", "'-2 m")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    public void cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(string value, string cell) =>
        TimelineCsv.Text(value).Should().Be(cell);

    [Fact]
    public void one_header_line_and_one_line_per_entry_with_crlf_endings()
    {
        var entry = new TimelineEntry(
            120, Guid.NewGuid(), Guid.NewGuid(), 3, "statement.drafted.v1", "Statement", new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(5)),
            "officer-1", "=cmd|' /C calc'!A0", "MES", "ru", "Holding drafted: \"Flood\", Almaty", Guid.Empty, null, null, null,
            new Dictionary<string, string?>());

        var csv = TimelineCsv.Write([entry]);

        csv.Should().EndWith("\r\n");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[1].Should().Be("120,3,2026-03-01T08:00:00.0000000+05:00,statement.drafted.v1,Statement,officer-1,'=cmd|' /C calc'!A0,MES,ru,"
                             + "\"Holding drafted: \"\"Flood\"\", Almaty\",00000000-0000-0000-0000-000000000000,,,");
    }
}
