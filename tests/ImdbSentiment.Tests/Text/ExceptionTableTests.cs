using ImdbSentiment.Text;
using ImdbSentiment.Text.Internal;

namespace ImdbSentiment.Tests.Text;

public sealed class ExceptionTableTests
{
    public static TheoryData<string, string[]> PatternRows => new()
    {
        { "Mr.", ["Mr", "."] },
        { "a.", ["a", "."] },
        { "e.g.", ["e.g", "."] },
        { "Ph.D.", ["Ph", ".", "D."] },
        { ":)", [":", ")"] },
        { ":-)", [":", "-", ")"] },
        { "''", ["'", "'"] },
        { "'s", ["'", "s"] },
        { "it's", ["it", "'s"] },
        { "and/or", ["and", "/", "or"] },
        { "3p.m.", ["3p.m", "."] },
    };

    [Fact]
    public void Should_hold_1347_keys_988_with_an_ascii_apostrophe_or_none_and_359_typographic_twins()
    {
        // Given
        var keys = ExceptionTable.English.Entries.Keys;

        // Then
        Assert.Equal(1_347, ExceptionTable.English.Count);
        Assert.Equal(359, keys.Count(k => k.Contains('\u2019', StringComparison.Ordinal) && !k.Contains('\u2018', StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_let_366_keys_take_part_in_the_final_pass()
    {
        Assert.Equal(366, SpacyTokenizer.English.Merger.Patterns.Count);
    }

    [Theory]
    [MemberData(nameof(PatternRows))]
    public void Should_build_the_final_pass_patterns_with_exceptions_off(string key, string[] pattern)
    {
        Assert.Equal(pattern, SpacyTokenizer.English.Merger.Patterns[key]);
    }

    [Theory]
    [InlineData("don't")]
    [InlineData("can't")]
    [InlineData("I'm")]
    [InlineData("gonna")]
    [InlineData("cannot")]
    public void Should_leave_plain_contractions_out_of_the_final_pass(string key)
    {
        Assert.True(ExceptionTable.English.Entries.ContainsKey(key));
        Assert.False(SpacyTokenizer.English.Merger.Patterns.ContainsKey(key));
    }

    [Theory]
    [InlineData("Ill")]
    [InlineData("its")]
    [InlineData("were")]
    [InlineData("well")]
    [InlineData("whore")]
    [InlineData("May.")]
    [InlineData("etc.")]
    [InlineData("DON'T")]
    [InlineData("lets")]
    [InlineData("Y'all")]
    [InlineData("theses")]
    [InlineData("thisre")]
    [InlineData("13pm")]
    [InlineData("3AM")]
    public void Should_not_contain_removed_or_never_generated_keys(string key)
    {
        Assert.False(ExceptionTable.English.Entries.ContainsKey(key));
    }

    [Theory]
    [InlineData("id", new[] { "i", "d" })]
    [InlineData("Id", new[] { "I", "d" })]
    [InlineData("thesere", new[] { "these", "re" })]
    [InlineData("how'd'y", new[] { "how", "'d", "'y" })]
    [InlineData("Ima", new[] { "I", "m", "a" })]
    [InlineData("shouldn\u2019t\u2019ve", new[] { "should", "n\u2019t", "\u2019ve" })]
    [InlineData("\u00B0C.", new[] { "\u00B0", "C", "." })]
    [InlineData("12a.m.", new[] { "12", "a.m." })]
    [InlineData("\u2019", new[] { "\u2019" })]
    public void Should_generate_the_documented_keys(string key, string[] tokens)
    {
        Assert.Equal(tokens, ExceptionTable.English.Entries[key]);
    }

    [Fact]
    public void Should_map_every_key_to_tokens_that_concatenate_back_to_it()
    {
        Assert.All(ExceptionTable.English.Entries, entry => Assert.Equal(entry.Key, string.Concat(entry.Value)));
    }
}
