using System.Diagnostics;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Inference;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// Warm, in-process latency of <see cref="ISentimentPredictor.Predict(string)"/> on a 20-word review, on
/// <c>--engine</c> libtorch (default) or onnx (the model exported to ONNX, scored by ONNX Runtime):
/// <c>--calls</c> (default 2,000) calls after <c>--warmup</c> (default 50), reporting p50/p90/p99/max. The model is
/// <c>--model PATH</c> or an untrained <c>--preset</c> (default seed-gru) with the real (--data) or a synthetic vocabulary.
/// </summary>
internal sealed class PredictLatencyBenchmark : IMacroBenchmark
{
    public string Name => "predict-latency";

    public string Description => "warm predictor.Predict on a 20-word review, --engine libtorch|onnx (p50/p90/p99 ms)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        NativeRuntime.SetThreads(options.Threads);
        var calls = Math.Max(1, options.Int("calls", 2_000));
        var warmup = Math.Max(0, options.Int("warmup", 50));
        var text = options.String("text", Reviews.Short);
        using var model = BenchModel.Resolve(options);
        using var predictor = model.OpenPredictor(options);
        for (var i = 0; i < warmup; i++)
        {
            predictor.Predict(text);
        }

        var times = new double[calls];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            predictor.Predict(text);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        total.Stop();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["model_source"] = model.Source,
            ["model"] = predictor.Model.Architecture,
            ["engine"] = predictor.Model.Engine,
            ["text_words"] = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
            ["text_tokens"] = predictor.Predict(text).Tokens,
            ["calls"] = calls,
            ["precision"] = predictor is SentimentPredictor ? options.Precision().ToString() : "Float32",
            ["execution"] = predictor is SentimentPredictor torch ? torch.Execution.Describe() : $"onnxruntime, {options.Threads} intra-op threads",
            ["warmup_calls"] = warmup,
            ["p50_ms"] = Stats.Round(Stats.Percentile(times, 50)),
            ["p90_ms"] = Stats.Round(Stats.Percentile(times, 90)),
            ["p99_ms"] = Stats.Round(Stats.Percentile(times, 99)),
            ["max_ms"] = Stats.Round(times.Max()),
            ["mean_ms"] = Stats.Round(times.Average()),
            ["calls_per_second"] = Math.Round(calls / total.Elapsed.TotalSeconds, 1),
        };
    }
}
