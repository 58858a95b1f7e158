using System.Diagnostics;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Text;

namespace ImdbSentiment.Tests.Text;

/// <summary>
/// Hostile input for the tokenizer: it never throws, its tokens always reconstruct the input exactly, and its time
/// grows linearly with the input, also on the shapes that make backtracking regular expressions blow up.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TokenizerRobustnessTests
{
    private const int OneMiB = 1 << 20;

    /// <summary>Short units to repeat: single punctuation, quotes, affixes, emoticons, text with no space at all.</summary>
    private static readonly Dictionary<string, string> Units = new()
    {
        ["("] = "(", [")"] = ")", ["."] = ".", ["-"] = "-", ["\""] = "\"", ["'"] = "'", ["“"] = "“", ["’"] = "’", ["…"] = "…",
        ["!?"] = "!?", ["'s"] = "'s", ["a-"] = "a-", ["a."] = "a.", ["A."] = "A.", [".a"] = ".a", [":)"] = ":)", ["@a."] = "@a.",
        ["$1"] = "$1", ["1,"] = "1,", ["a"] = "a", ["<br/>"] = "<br/>", ["thumbs up, medium skin tone"] = "👍🏽",
        ["combining acute accent"] = "\u0301", ["lone high surrogate"] = "\uD800",
    };

    // Own instances rather than SpacyTokenizer.English: megabyte inputs grow the per-thread scratch buffers for good.
    private readonly SpacyTokenizer[] _tokenizers =
        [new(new TokenizerOptions()), new(new TokenizerOptions(NormalizeLineBreakTags: true))];

    public static TheoryData<string> LongTexts => new() { "hostile 1", "hostile 2", "hostile 3", "hostile without whitespace" };

    public static TheoryData<string> RepeatedUnits => [.. Units.Keys];

    [Fact]
    public void Should_tile_100000_hostile_random_strings_without_throwing()
    {
        var random = new Random(71_000);
        var tokens = new List<Token>();
        for (var i = 0; i < 100_000; i++)
        {
            var text = RandomTexts.Hostile(random);
            foreach (var tokenizer in _tokenizers)
            {
                TokenTiling.AssertTokenizesAndTiles(tokenizer, text, tokens);
            }
        }
    }

    [Theory]
    [MemberData(nameof(LongTexts))]
    public void Should_tile_a_1_MiB_hostile_string(string name)
    {
        var text = LongText(name, OneMiB);
        var tokens = new List<Token>();

        foreach (var tokenizer in _tokenizers)
        {
            TokenTiling.AssertTokenizesAndTiles(tokenizer, text, tokens);
        }
    }

    [Theory]
    [InlineData("hostile 1")]
    [InlineData("hostile without whitespace")]
    public void Should_take_time_in_proportion_to_the_length_from_1_to_10_MiB(string name)
    {
        var tokens = new List<Token>();

        var ratio = BestOfThree(LongText(name, 10 * OneMiB), tokens) / BestOfThree(LongText(name, OneMiB), tokens);

        // Linear is 10; quadratic would be 100.
        Assert.True(ratio < 30, $"10 MiB took {ratio:F1} times as long as 1 MiB");
    }

    [Theory]
    [MemberData(nameof(RepeatedUnits))]
    public void Should_tile_1_MiB_of_one_repeated_unit_in_time_proportional_to_the_length(string name)
    {
        // Given
        var text = Repeat(Units[name], OneMiB);
        var tokens = new List<Token>();

        // When
        var small = BestOfThree(text[..(OneMiB / 10)], tokens);
        var large = BestOfThree(text, tokens);

        // Then: linear is a ratio of 10, quadratic would be 100
        TokenTiling.AssertTiles(text, tokens);
        TokenTiling.AssertTokenizesAndTiles(_tokenizers[1], text, tokens);
        Assert.True(large / small < 30, $"1 MiB of {name} took {large / small:F1} times as long as 100 KiB");
    }

    private static string LongText(string name, int length) => name switch
    {
        "hostile 1" => RandomTexts.HostileOfLength(new Random(1), length),
        "hostile 2" => RandomTexts.HostileOfLength(new Random(2), length),
        "hostile 3" => RandomTexts.HostileOfLength(new Random(3), length),
        "hostile without whitespace" => RandomTexts.HostileOfLength(new Random(4), length, whitespace: false),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown text"),
    };

    private static string Repeat(string unit, int length) =>
        string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];

    /// <summary>The fastest of three runs of the spaCy-parity tokenizer, in seconds; <paramref name="tokens"/> holds the tokens.</summary>
    private double BestOfThree(string text, List<Token> tokens)
    {
        var best = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            tokens.Clear();
            var stopwatch = Stopwatch.StartNew();
            _tokenizers[0].Tokenize(text, tokens);
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
