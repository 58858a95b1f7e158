using BenchmarkDotNet.Attributes;
using ImdbSentiment.Text;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Bench.Micro;

/// <summary>Vocabulary lookups for every token of a typical review, by string and by span (the allocation-free path).</summary>
[MemoryDiagnoser]
public class VocabularyBenchmarks
{
    private TokenVocabulary _vocabulary = null!;
    private string[] _tokens = [];
    private Token[] _spans = [];

    [GlobalSetup]
    public void Setup()
    {
        _tokens = SpacyTokenizer.English.TokenizeToStrings(TokenizerBenchmarks.Review);
        _spans = [.. SpacyTokenizer.English.Tokenize(TokenizerBenchmarks.Review)];
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 19_000; i++)
        {
            frequencies[$"word{i}"] = 10 + (i % 1000);
        }

        // Every other review token is known; the rest map to <unk>.
        for (var i = 0; i < _tokens.Length; i += 2)
        {
            frequencies[_tokens[i]] = 5_000;
        }

        _vocabulary = TokenVocabulary.Build(frequencies, minFrequency: 10);
    }

    [Benchmark]
    public int IndexOfString()
    {
        var sum = 0;
        foreach (var token in _tokens)
        {
            sum += _vocabulary.IndexOf(token);
        }

        return sum;
    }

    [Benchmark]
    public int IndexOfSpan()
    {
        var sum = 0;
        var text = TokenizerBenchmarks.Review.AsSpan();
        foreach (var token in _spans)
        {
            sum += _vocabulary.IndexOf(text.Slice(token.Start, token.Length));
        }

        return sum;
    }
}
