using ImdbSentiment.Batching;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// <see cref="Evaluator.Evaluate"/> (eval mode, inference mode, length-sorted batches) on a seeded subset of
/// <c>--limit</c> test reviews (default 1,000; 0 = all 25,000) at each of <c>--batch-sizes</c> (default 64,256,1024),
/// with the model of <c>--model</c> or an untrained <c>--preset</c> (default seed-gru). Reports tokens/s and the
/// full test set's time extrapolated by its token count.
/// </summary>
internal sealed class EvaluateBenchmark : IMacroBenchmark
{
    public string Name => "evaluate";

    public string Description => "Evaluator on N test reviews at batch sizes 64/256/1024 (tokens/s, extrapolated 25,000-review seconds)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var path = options.RequireData(Name);
        NativeRuntime.SetThreads(options.Threads);
        var (prepared, _) = BenchCorpus.Prepare(path, null);
        using var model = BenchModel.Resolve(options, prepared.Vocabulary);
        var bundle = ModelBundle.Load(model.Path);
        var test = prepared.EncodedTest;
        // The bundle's vocabulary may differ from this preparation's only when --model comes from another run;
        // evaluation cost depends on lengths, not on which ids they are.
        var limit = options.Int("limit", 1_000);
        var order = Enumerable.Range(0, test.Count).ToArray();
        if (limit > 0 && limit < test.Count)
        {
            DeterministicRandom.Derive(1234, "bench-evaluate").Shuffle(order.AsSpan());
            order = order[..limit];
        }

        EncodedReview[] subset = [.. order.Select(i => Clamp(test[i], bundle.Vocabulary.Count))];

        long fullTokens = test.Sum(e => (long)e.Length);
        long subsetTokens = subset.Sum(e => (long)e.Length);
        var result = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["model_source"] = model.Source,
            ["model"] = bundle.Manifest.Model.Describe(),
            ["reviews"] = subset.Length,
            ["tokens"] = subsetTokens,
            ["test_reviews"] = test.Count,
            ["test_tokens"] = fullTokens,
            ["repeat"] = Math.Max(1, options.Repeat),
        };
        var workers = options.Int("workers", options.Threads);
        var precision = options.Precision();
        result["workers"] = workers;
        result["precision"] = precision.ToString();
        using var module = bundle.CreateModel(precision);
        var execution = options.Execution() with { Workers = workers };
        ExecutionPlan.ForInference(module, execution);
        result["execution"] = execution.Describe();
        foreach (var batchSize in options.Ints("batch-sizes", 64, 256, 1024))
        {
            var best = double.MaxValue;
            double accuracy = 0;
            for (var r = 0; r < Math.Max(1, options.Repeat); r++)
            {
                var (report, _) = Evaluator.Evaluate(module, subset, bundle.Manifest.Model.PadIndex, batchSize, workers: execution.BatchWorkers);
                best = Math.Min(best, report.Seconds);
                accuracy = report.Accuracy;
            }

            var tokensPerSecond = subsetTokens / best;
            result[$"batch_{batchSize}_seconds"] = Stats.Round(best);
            result[$"batch_{batchSize}_tokens_per_second"] = Math.Round(tokensPerSecond);
            result[$"batch_{batchSize}_test_set_seconds_extrapolated"] = Stats.Round(fullTokens / tokensPerSecond, 1);
            result[$"batch_{batchSize}_accuracy"] = Stats.Round(accuracy, 4);
        }

        return result;
    }

    private static EncodedReview Clamp(EncodedReview review, int vocabularySize) =>
        review.TokenIds.All(id => id < vocabularySize)
            ? review
            : review with { TokenIds = [.. review.TokenIds.Select(id => id < vocabularySize ? id : 0)] };
}
