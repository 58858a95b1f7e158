using BenchmarkDotNet.Attributes;
using ImdbSentiment.Text;

namespace ImdbSentiment.Bench.Micro;

/// <summary>spaCy-compatible tokenization of one typical review (about 230 tokens, with a line-break tag and quotes).</summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    public const string Review =
        "I went into this movie expecting very little, and I came out pleasantly surprised. The story is simple: a " +
        "retired detective (played with quiet dignity by the lead) is pulled back for \"one last case\" - yes, that " +
        "old chestnut - but the script doesn't take the easy way out.<br /><br />What works: the dialogue is sharp, " +
        "the pacing never drags, and the supporting cast, especially the young partner, are great. What doesn't: " +
        "the villain's motives are muddled, and the final twist can be seen coming a mile away... It's not a " +
        "masterpiece, but it's far better than the 4/10 it's been getting on here. I'd rate it 7/10; worth renting " +
        "on a rainy Sunday afternoon with a bowl of popcorn. Don't listen to the haters!! If you liked \"Se7en\" or " +
        "the early Columbo episodes, you'll probably enjoy this one too. My wife, who normally can't stand crime " +
        "films, watched it twice. The cinematography (all those grey, rain-soaked streets) sets the mood " +
        "perfectly, and the score by a composer I'd never heard of is haunting.";

    private readonly List<Token> _buffer = new(512);

    [Benchmark]
    public int Tokenize()
    {
        _buffer.Clear();
        SpacyTokenizer.English.Tokenize(Review, _buffer);
        return _buffer.Count;
    }

    [Benchmark]
    public int TokenizeToStrings() => SpacyTokenizer.English.TokenizeToStrings(Review).Length;
}
