using System.Diagnostics;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// One trained binary model (<c>--model</c>, a bundle) on three engines side by side, on the same test reviews
/// (<c>--limit</c>, a seeded subset, default 0 = all 25,000): libtorch (the bundle), ONNX Runtime on the fp32 export
/// and ONNX Runtime on the int8-weight export. Reports each one's accuracy, its largest |Δp| from libtorch, how many
/// decisions differ, its wall time for the whole set in batches of 64, and the file sizes.
/// </summary>
internal sealed class EnginesBenchmark : IMacroBenchmark
{
    public string Name => "engines";

    public string Description => "libtorch vs ONNX Runtime fp32 vs ONNX Runtime int8 weights on the test set (accuracy, |Δp|, seconds, size)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var data = options.RequireData(Name);
        var modelPath = options.String("model") ?? throw new ArgumentException("engines: --model BUNDLE is required (a trained binary model)");
        NativeRuntime.SetThreads(options.Threads);
        var reviews = CorpusPreparation.TestReviews(ImdbCorpus.Load(data), new PreparationOptions()).ToArray();
        var limit = options.Int("limit", 0);
        if (limit > 0 && limit < reviews.Length)
        {
            DeterministicRandom.Derive(1234, "bench-engines").Shuffle(reviews.AsSpan());
            reviews = reviews[..limit];
        }

        var texts = reviews.Select(r => r.Text).ToArray();
        var folder = Directory.CreateTempSubdirectory("imdb-bench-engines-").FullName;
        try
        {
            var bundle = ModelBundle.Load(modelPath);
            var fp32 = OnnxExporter.Export(bundle, Path.Combine(folder, "model.onnx")).ModelPath;
            var int8 = OnnxExporter.Export(bundle, Path.Combine(folder, "model-int8.onnx"), int8Weights: true).ModelPath;
            var result = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["model"] = bundle.Manifest.Model.Describe(),
                ["reviews"] = reviews.Length,
                ["bundle_mb"] = Megabytes(modelPath),
                ["onnx_fp32_mb"] = Megabytes(fp32),
                ["onnx_int8_mb"] = Megabytes(int8),
            };

            double[]? reference = null;
            foreach (var (name, open) in new (string, Func<ISentimentPredictor>)[]
            {
                ("libtorch", () => new SentimentPredictor(bundle, options.Precision(), options.Execution())),
                ("onnx_fp32", () => OnnxPredictor.Load(fp32, options.Threads)),
                ("onnx_int8", () => OnnxPredictor.Load(int8, options.Threads)),
            })
            {
                using var predictor = open();
                var clock = Stopwatch.StartNew();
                var probabilities = predictor.Predict(texts, batchSize: 64, chunkSize: 4096).Select(p => p.Probabilities[1]).ToArray();
                result[$"{name}_seconds"] = Stats.Round(clock.Elapsed.TotalSeconds, 1);
                result[$"{name}_accuracy"] = Stats.Round(reviews.Where((r, i) => probabilities[i] > 0.5 == (r.Label == Sentiment.Positive)).Count() / (double)reviews.Length, 5);
                reference ??= probabilities;
                result[$"{name}_max_abs_dp_vs_libtorch"] = probabilities.Select((p, i) => Math.Abs(p - reference[i])).Max();
                result[$"{name}_decisions_differing_from_libtorch"] = probabilities.Where((p, i) => p > 0.5 != reference[i] > 0.5).Count();
            }

            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Megabytes(string path) => Math.Round(new FileInfo(path).Length / 1e6, 2);
}
