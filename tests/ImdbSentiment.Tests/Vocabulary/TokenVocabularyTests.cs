using System.Text;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Tests.Vocabulary;

public sealed class TokenVocabularyTests
{
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["the"] = 50, ["movie"] = 12, ["b"] = 12, ["a"] = 12, ["rare"] = 9, ["\n"] = 10, ["<unk>"] = 99, ["É"] = 10,
    };

    [Fact]
    public void Should_put_specials_first_then_descending_frequency_with_ordinal_ties_above_the_minimum()
    {
        var vocabulary = TokenVocabulary.Build(Counts, minFrequency: 10);

        Assert.Equal(["<unk>", "<PAD>", "the", "a", "b", "movie", "\n", "É"], vocabulary.Tokens);
    }

    [Fact]
    public void Unknown_tokens_should_map_to_0_and_pad_is_1()
    {
        var vocabulary = TokenVocabulary.Build(Counts, minFrequency: 10);

        Assert.Equal(0, vocabulary.IndexOf("rare"));
        Assert.Equal(0, vocabulary.IndexOf("The"));
        Assert.Equal(1, vocabulary.IndexOf("<PAD>"));
        Assert.Equal(2, vocabulary.IndexOf("the".AsSpan()));
    }

    [Fact]
    public void Cap_should_apply_after_the_frequency_filter()
    {
        var vocabulary = TokenVocabulary.Build(Counts, minFrequency: 10, maxSize: 2);

        Assert.Equal(["<unk>", "<PAD>", "the", "a"], vocabulary.Tokens);
    }

    [Fact]
    public void Json_should_round_trip_exactly_including_unusual_tokens()
    {
        using var folder = new TempFolder();
        var vocabulary = TokenVocabulary.FromTokens(["<unk>", "<PAD>", "\n", "\"", "\\", "😂", "\u00A0", "a\u0301"]);
        var path = folder.Combine("vocab.json");

        vocabulary.Save(path);
        var loaded = TokenVocabulary.Load(path);

        Assert.Equal(vocabulary.Tokens, loaded.Tokens);
        Assert.Equal(vocabulary.ToJson(), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("{\"a\":1}", "not a JSON array of strings")]
    [InlineData("[\"<PAD>\",\"<unk>\"]", "must start with <unk> and <PAD>")]
    [InlineData("[\"<unk>\",\"<PAD>\",\"x\",\"x\"]", "token 'x' appears twice")]
    public void Invalid_files_should_be_reported_in_one_line(string json, string reason)
    {
        var error = Assert.Throws<VocabularyException>(() => TokenVocabulary.FromJson(Encoding.UTF8.GetBytes(json), "v.json"));

        Assert.StartsWith($"v.json: not a valid vocabulary ({reason})", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Counter_should_count_spans_and_merge()
    {
        var first = new TokenCounter();
        var second = new TokenCounter();
        first.Add("the movie the".AsSpan(0, 3));
        first.Add("the movie the".AsSpan(4, 5));
        second.Add("the");

        first.Merge(second);

        Assert.Equal(2, first.Counts["the"]);
        Assert.Equal(1, first.Counts["movie"]);
        Assert.Equal(3, first.Total);
    }
}
