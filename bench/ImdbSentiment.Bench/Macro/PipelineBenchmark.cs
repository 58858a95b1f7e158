using System.Diagnostics;
using ImdbSentiment.Batching;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Data;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// The whole data pipeline on the full corpus, stage by stage: archive → reviews (<see cref="ImdbCorpus.Load"/>),
/// reviews → tokens → vocabulary → encoded splits (<see cref="CorpusPreparation.Prepare"/>), and one training epoch
/// of batches (<see cref="BucketSampler"/> + <see cref="Batch.Collate"/>, batch 64). Best of <c>--repeat</c> by total.
/// </summary>
internal sealed class PipelineBenchmark : IMacroBenchmark
{
    public string Name => "pipeline";

    public string Description => "archive → reviews → tokens → vocabulary → one epoch of batches (seconds per stage)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var path = options.RequireData(Name);
        var limit = options.OptionalInt("limit");
        var batchSize = options.Int("batch-size", 64);
        NativeRuntime.SetThreads(options.Threads);
        var runs = new List<(double Load, double Prepare, double Batches, double Total, int BatchCount, long Tokens, int Vocabulary, int Reviews)>();
        for (var r = 0; r < Math.Max(1, options.Repeat); r++)
        {
            var total = Stopwatch.StartNew();
            var clock = Stopwatch.StartNew();
            var corpus = ImdbCorpus.Load(path);
            var load = clock.Elapsed.TotalSeconds;

            clock.Restart();
            var prepared = CorpusPreparation.Prepare(corpus, new PreparationOptions(Limit: limit));
            var prepare = clock.Elapsed.TotalSeconds;

            clock.Restart();
            var sampler = new BucketSampler(prepared.Train.Select(e => e.Length).ToArray(), batchSize, 1234);
            var batches = sampler.Batches(1);
            long tokens = 0;
            foreach (var indices in batches)
            {
                using var batch = Batch.Collate(prepared.Train, indices, 1);
                tokens += batch.TokenCount;
            }

            var batching = clock.Elapsed.TotalSeconds;
            runs.Add((load, prepare, batching, total.Elapsed.TotalSeconds, batches.Count, tokens,
                prepared.Vocabulary.Count, corpus.Train.Count + corpus.Test.Count));
        }

        var best = runs.MinBy(r => r.Total);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["reviews"] = best.Reviews,
            ["limit_per_split"] = limit is { } l ? l : "none",
            ["vocabulary_entries"] = best.Vocabulary,
            ["train_batches"] = best.BatchCount,
            ["train_tokens"] = best.Tokens,
            ["repeat"] = runs.Count,
            ["load_seconds"] = Stats.Round(best.Load),
            ["prepare_seconds"] = Stats.Round(best.Prepare),
            ["batches_seconds"] = Stats.Round(best.Batches),
            ["best_total_seconds"] = Stats.Round(best.Total),
            ["all_total_seconds"] = runs.Select(r => Stats.Round(r.Total)).ToArray(),
        };
    }
}
