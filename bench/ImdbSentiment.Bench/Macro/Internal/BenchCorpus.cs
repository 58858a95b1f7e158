using System.Diagnostics;
using ImdbSentiment.Data;
using ImdbSentiment.Pipeline;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>Loads and prepares the real corpus as the CLI does (seed 1234, min frequency 10, 70/30 split).</summary>
internal static class BenchCorpus
{
    public static (PreparedCorpus Prepared, double Seconds) Prepare(string path, int? limit)
    {
        var clock = Stopwatch.StartNew();
        var corpus = ImdbCorpus.Load(path);
        var prepared = CorpusPreparation.Prepare(corpus, new PreparationOptions(Limit: limit));
        return (prepared, clock.Elapsed.TotalSeconds);
    }
}
