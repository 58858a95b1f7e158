using System.Globalization;
using ImdbSentiment.Text.Internal;

namespace ImdbSentiment.Tests.Text;

public sealed class CharClassesTests
{
    [Fact]
    public void Should_leave_exactly_five_cased_letters_neither_lower_nor_upper()
    {
        var neither = Enumerable.Range(0, 0x10000)
            .Where(cp => CharClasses.IsAlpha(cp) && !CharClasses.IsLower(cp) && !CharClasses.IsUpper(cp))
            .ToArray();

        Assert.Equal([0x01BB, 0x01C5, 0x01C8, 0x01CB, 0x01F2], neither);
    }

    [Theory]
    [InlineData(0x001C, true)]
    [InlineData(0x001F, true)]
    [InlineData(0x0085, true)]
    [InlineData(0x00A0, true)]
    [InlineData(0x200B, false)]
    [InlineData(0x3000, true)]
    [InlineData(0x202F, true)]
    public void Should_use_pythons_whitespace_set(int cp, bool expected)
    {
        Assert.Equal(expected, CharClasses.IsWhitespace((char)cp));
    }

    [Theory]
    [InlineData("°©®¦™№℃★☆♥☺✓❤💙😂🍕", true)]
    [InlineData("←↑→↓↔🏻🏿\uFE0F\u200D🩷🪄🥱🥲", false)]
    public void Should_classify_icons_as_spacy_does(string text, bool expected)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            Assert.True(expected == CharClasses.IsIcon(rune.Value), $"U+{rune.Value:X4}");
        }
    }

    [Theory]
    [InlineData("µªº0٣ԱႠ")]
    public void Should_not_count_these_as_letters(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            Assert.False(CharClasses.IsAlpha(rune.Value), rune.Value.ToString("X4", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Should_count_uncased_scripts_as_both_lower_and_upper()
    {
        foreach (var cp in new[] { 0x05D0, 0x0627, 0x3042, 0x4E00, 0xAC00, 0x20000 })
        {
            Assert.True(CharClasses.IsAlpha(cp) && CharClasses.IsLower(cp) && CharClasses.IsUpper(cp));
        }
    }
}
