using CrisisCenter.Channels.Telegram;
using CrisisCenter.Channels.Tests.StandIns;

namespace CrisisCenter.Channels.Tests.Telegram;

public sealed class TelegramTextTests
{
    [Fact]
    public void user_text_is_escaped_for_telegrams_html_mode()
    {
        var html = new TelegramText().Bold("Tom & Jerry <3").Paragraph().Plain("<script>alert(\"x\")</script> 'ok'").ToHtml();

        html.Should().Be("<b>Tom &amp; Jerry &lt;3</b>\n\n&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 'ok'");
        TelegramBotApi.ParseHtml(html).Should().Be(("Tom & Jerry <3\n\n<script>alert(\"x\")</script> 'ok'", (string?)null));
    }

    [Fact]
    public void a_link_carries_an_escaped_href()
    {
        var html = new TelegramText().Link("Подробнее", new Uri("https://example.kz/a?b=1&c=\"2\"")).ToHtml();

        html.Should().Be("<a href=\"https://example.kz/a?b=1&amp;c=%222%22\">Подробнее</a>");
        TelegramBotApi.ParseHtml(html).Error.Should().BeNull();
    }

    [Fact]
    public void a_short_text_is_one_part()
    {
        new TelegramText().Bold("Headline").Paragraph().Plain("Body").ToParts().Should().Equal("<b>Headline</b>\n\nBody");
    }

    [Fact]
    public void a_long_text_is_cut_at_paragraphs_first_and_every_part_is_valid_and_within_the_limit()
    {
        var paragraphs = Enumerable.Range(1, 12).Select(n => $"Paragraph {n}: " + string.Join(' ', Enumerable.Repeat("water & <mud>", 30))).ToList();
        var text = new TelegramText().Bold("Headline & <b>");
        foreach (var paragraph in paragraphs) text.Paragraph().Plain(paragraph);

        var parts = text.ToParts(limit: 1_000);

        parts.Should().HaveCountGreaterThan(3);
        var visible = parts.Select(part => TelegramBotApi.ParseHtml(part)).ToList();
        visible.Should().OnlyContain(v => v.Error == null && v.Text!.Length <= 1_000);
        visible.Skip(1).Should().OnlyContain(v => v.Text!.StartsWith("Paragraph "), "every cut fell on a paragraph break");
        string.Join("\n\n", visible.Select(v => v.Text)).Should().Be("Headline & <b>\n\n" + string.Join("\n\n", paragraphs));
    }

    [Fact]
    public void a_paragraph_longer_than_the_limit_is_cut_between_words_and_a_bold_run_stays_closed_in_both_parts()
    {
        var words = string.Join(' ', Enumerable.Range(1, 200).Select(n => $"w{n}&"));
        var parts = new TelegramText().Bold(words).ToParts(limit: 300);

        parts.Should().HaveCountGreaterThan(2);
        parts.Should().OnlyContain(part => part.StartsWith("<b>") && part.EndsWith("</b>"));
        var visible = parts.Select(part => TelegramBotApi.ParseHtml(part).Text!).ToList();
        visible.Should().OnlyContain(v => v.Length <= 300 && v.EndsWith('&'), "cuts fall after whole words");
        string.Join(' ', visible).Should().Be(words);
    }

    [Fact]
    public void a_word_longer_than_the_limit_is_cut_hard_but_never_inside_a_surrogate_pair_or_an_entity()
    {
        var word = string.Concat(Enumerable.Repeat("a&😀", 100));

        var parts = new TelegramText().Plain(word).ToParts(limit: 50);

        var visible = parts.Select(part => TelegramBotApi.ParseHtml(part)).ToList();
        visible.Should().OnlyContain(v => v.Error == null && v.Text!.Length <= 50);
        visible.Should().OnlyContain(v => !char.IsHighSurrogate(v.Text![v.Text.Length - 1]) && !char.IsLowSurrogate(v.Text[0]));
        string.Concat(visible.Select(v => v.Text)).Should().Be(word);
    }

    [Theory]
    [InlineData("-1001234567890:17", -1001234567890L, new[] { 17 })]
    [InlineData("42:1,2,3", 42L, new[] { 1, 2, 3 })]
    public void external_ids_name_the_chat_and_every_message(string externalId, long chat, int[] ids)
    {
        var parsed = TelegramMessageRef.TryParse(externalId);

        parsed!.ChatId.Should().Be(chat);
        parsed.MessageIds.Should().Equal(ids);
        parsed.ToString().Should().Be(externalId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tag:crisiscenter,2026:statement/x")]
    [InlineData("@channel:5")]
    [InlineData("42:")]
    [InlineData("42:1,,2")]
    public void anything_else_is_not_a_telegram_message_ref(string? externalId) =>
        TelegramMessageRef.TryParse(externalId).Should().BeNull();
}
