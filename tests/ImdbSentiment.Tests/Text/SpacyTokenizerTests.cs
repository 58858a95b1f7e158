using ImdbSentiment.Text;

namespace ImdbSentiment.Tests.Text;

public sealed class SpacyTokenizerTests
{
    [Theory]
    [MemberData(nameof(SpecExamples.Section13), MemberType = typeof(SpecExamples))]
    public void Should_match_the_worked_examples(string name, string input, string[] expected) => AssertTokens(name, input, expected);

    [Theory]
    [MemberData(nameof(SpecTables.Whitespace), MemberType = typeof(SpecTables))]
    public void Should_segment_whitespace_as_spacy(string name, string input, string[] expected) => AssertTokens(name, input, expected);

    [Theory]
    [MemberData(nameof(SpecTables.FinalPass), MemberType = typeof(SpecTables))]
    public void Should_merge_exceptions_back_in_the_final_pass(string name, string input, string[] expected) => AssertTokens(name, input, expected);

    [Theory]
    [MemberData(nameof(SpecTables.LineBreaks), MemberType = typeof(SpecTables))]
    public void Should_split_imdb_line_breaks_as_spacy(string name, string input, string[] expected) => AssertTokens(name, input, expected);

    [Theory]
    [MemberData(nameof(SpecTables.Pitfalls), MemberType = typeof(SpecTables))]
    public void Should_avoid_the_pitfalls_of_naive_ports(string name, string input, string[] expected) => AssertTokens(name, input, expected);

    [Theory]
    [MemberData(nameof(OwnExamples.Cases), MemberType = typeof(OwnExamples))]
    public void Should_follow_the_rules_on_further_cases(string name, string input, string[] expected) => AssertTokens(name, input, expected);

    [Theory]
    [MemberData(nameof(OwnExamples.LineBreakTags), MemberType = typeof(OwnExamples))]
    public void Should_treat_line_break_tags_as_whitespace_when_asked(string name, string input, string[] expected)
    {
        // Given
        var tokenizer = new SpacyTokenizer(new TokenizerOptions(NormalizeLineBreakTags: true));

        // When
        var tokens = tokenizer.TokenizeToStrings(input);

        // Then
        Assert.True(expected.SequenceEqual(tokens), $"{name}: expected [{Show(expected)}] but got [{Show(tokens)}]");
        Assert.Equal(input, Reconstruct(input, tokenizer.Tokenize(input)));
    }

    [Fact]
    public void Should_report_offsets_and_trailing_spaces()
    {
        // Given
        const string text = "Hi  there!\n";

        // When
        var tokens = SpacyTokenizer.English.Tokenize(text);

        // Then
        Assert.Equal(
            [new Token(0, 2, true), new Token(3, 1, false), new Token(4, 5, false), new Token(9, 1, false), new Token(10, 1, false)],
            tokens);
    }

    [Fact]
    public void Should_append_to_an_existing_list()
    {
        // Given
        var output = new List<Token> { new(0, 1, false) };

        // When
        SpacyTokenizer.English.Tokenize("Dr.Smith", output);

        // Then
        Assert.Equal([new Token(0, 1, false), new Token(0, 3, false), new Token(3, 5, false)], output);
    }

    [Fact]
    public void Should_give_the_same_tokens_from_many_threads()
    {
        // Given
        var texts = Enumerable.Range(0, 200)
            .Select(i => $"Review {i}: I didn't like it.<br /><br />It's a {i % 11}/10 film, isn't it? Dr.Smith:) well-known")
            .ToArray();
        var tokenizer = new SpacyTokenizer(new TokenizerOptions());
        var expected = texts.Select(t => string.Join("|", SpacyTokenizer.English.TokenizeToStrings(t))).ToArray();

        // When
        var actual = new string[texts.Length];
        Parallel.For(0, texts.Length, i => actual[i] = string.Join("|", tokenizer.TokenizeToStrings(texts[i])));

        // Then
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Should_keep_lone_surrogates_as_ordinary_characters()
    {
        // Given: theory data cannot carry lone surrogates (xunit serializes them as U+FFFD, which is an ICON)
        const string text = "a\uD800b \uDC00 x\uDBFF";

        // When
        var tokens = SpacyTokenizer.English.TokenizeToStrings(text);

        // Then
        Assert.Equal(["a\uD800b", "\uDC00", "x\uDBFF"], tokens);
    }

    [Fact]
    public void Should_not_throw_on_a_long_chunk()
    {
        // Given
        var text = new string('.', 200_000) + "a" + string.Concat(Enumerable.Repeat("(x)", 50_000)) + new string('!', 100_000);

        // When
        var tokens = SpacyTokenizer.English.Tokenize(text);

        // Then
        Assert.Equal(text, Reconstruct(text, tokens));
    }

    internal static string Reconstruct(string text, IEnumerable<Token> tokens) =>
        string.Concat(tokens.Select(t => text.Substring(t.Start, t.Length) + (t.SpaceAfter ? " " : "")));

    private static void AssertTokens(string name, string input, string[] expected)
    {
        // When
        var tokens = SpacyTokenizer.English.TokenizeToStrings(input);

        // Then
        Assert.True(expected.SequenceEqual(tokens), $"{name}: expected [{Show(expected)}] but got [{Show(tokens)}]");
        Assert.Equal(input, Reconstruct(input, SpacyTokenizer.English.Tokenize(input)));
    }

    private static string Show(IEnumerable<string> tokens) =>
        string.Join(" ", tokens.Select(t => "«" + string.Concat(t.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "»"));
}
