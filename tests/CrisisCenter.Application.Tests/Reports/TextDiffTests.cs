using CrisisCenter.Application.Reports;

namespace CrisisCenter.Application.Tests.Reports;

public sealed class TextDiffTests
{
    [Theory]
    [InlineData("Water level 3.2 m at the gauge.", "Water level 2.9 m at the upper gauge.")]
    [InlineData("", "New text")]
    [InlineData("Old text", "")]
    [InlineData("same", "same")]
    [InlineData("Су деңгейі  көтерілді", "Су деңгейі төмендеді\nбүгін")]
    public void spans_rebuild_both_texts_exactly(string before, string after)
    {
        var spans = TextDiff.Between(before, after);

        string.Concat(spans.Where(s => s.Operation != DiffOperation.Added).Select(s => s.Text)).Should().Be(before);
        string.Concat(spans.Where(s => s.Operation != DiffOperation.Removed).Select(s => s.Text)).Should().Be(after);
    }

    [Fact]
    public void a_changed_word_is_one_removal_and_one_addition_between_shared_text()
    {
        TextDiff.Between("Water level 3.2 m.", "Water level 2.9 m.").Should().Equal(
            new DiffSpan(DiffOperation.Same, "Water level "),
            new DiffSpan(DiffOperation.Removed, "3.2"),
            new DiffSpan(DiffOperation.Added, "2.9"),
            new DiffSpan(DiffOperation.Same, " m."));
    }

    [Fact]
    public void an_inserted_word_is_an_addition_only()
    {
        TextDiff.Between("Stay away from the river.", "Stay well away from the river.")
            .Where(s => s.Operation != DiffOperation.Same).Should().Equal(new DiffSpan(DiffOperation.Added, "well "));
    }
}
