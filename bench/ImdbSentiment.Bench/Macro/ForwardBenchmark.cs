using ImdbSentiment.Batching;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// Inference-mode forward passes (what evaluation and prediction run): the toolkit's model (masked recurrent loop)
/// vs libtorch's own <c>nn.GRU</c>/<c>nn.RNN</c> on a packed sequence (exact; its forward is not the slow part, only
/// its backward is) and unpacked, on the train-step batch (T≈230, B=64) and on one 20-word review (B=1).
/// Each model is timed <c>--steps</c> times (median) after <c>--warmup</c>, interleaved.
/// </summary>
internal sealed class ForwardBenchmark : IMacroBenchmark
{
    public string Name => "forward";

    public string Description => "inference forward: toolkit masked loop vs libtorch nn.GRU packed/unpacked (T≈230×64 and one 20-word review)";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var preset = Presets.Get(options.String("preset", "seed-gru"));
        var steps = Math.Max(1, options.Int("steps", 20));
        var warmup = Math.Max(0, options.Int("warmup", 3));
        NativeRuntime.SetThreads(options.Threads);
        using var data = StepBatch.Create(options);
        var modelOptions = preset.ModelFor(data.VocabularySize);
        var shortIds = SpacyTokenizer.English.TokenizeToStrings(Reviews.Short).Select((_, i) => 2 + (i * 37 % (data.VocabularySize - 2))).ToArray();
        using var single = Batch.Collate([new EncodedReview(shortIds, 1)], [0], 1);

        torch.manual_seed(1234);
        using var toolkit = ModelFactory.Create(modelOptions);
        var execution = options.Execution();
        ExecutionPlan.ForInference(toolkit, execution);
        using var packed = new BareRecurrent(modelOptions, packed: true);
        using var unpacked = new BareRecurrent(modelOptions, packed: false);
        nn.Module<Tensor, Tensor, Tensor>[] models = [toolkit, packed, unpacked];
        foreach (var model in models)
        {
            model.eval();
        }

        var result = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["preset"] = preset.Name,
            ["batch_source"] = data.Source,
            ["batch_steps_t"] = data.Steps,
            ["batch_size"] = data.Batch.Size,
            ["single_review_tokens"] = shortIds.Length,
            ["steps_timed"] = steps,
            ["execution"] = execution.Describe(),
        };
        foreach (var (label, batch) in new[] { ("batch", data.Batch), ("single", single) })
        {
            var times = models.Select(_ => new List<double>()).ToArray();
            for (var i = -warmup; i < steps; i++)
            {
                for (var m = 0; m < models.Length; m++)
                {
                    var model = models[m];
                    var t = StepTimer.Time(() => Forward(model, batch), 0, 1)[0];
                    if (i >= 0)
                    {
                        times[m].Add(t);
                    }
                }
            }

            var toolkitMs = Stats.Median(times[0]);
            result[$"{label}_toolkit_ms"] = Stats.Round(toolkitMs);
            result[$"{label}_bare_packed_ms"] = Stats.Round(Stats.Median(times[1]));
            result[$"{label}_bare_unpacked_ms"] = Stats.Round(Stats.Median(times[2]));
            result[$"{label}_toolkit_tokens_per_second"] = Math.Round(batch.TokenCount / (toolkitMs / 1000));
            result[$"{label}_bare_packed_tokens_per_second"] = Math.Round(batch.TokenCount / (Stats.Median(times[1]) / 1000));
            result[$"{label}_ratio_toolkit_over_bare_packed"] = Stats.Round(toolkitMs / Stats.Median(times[1]));
        }

        return result;
    }

    private static void Forward(nn.Module<Tensor, Tensor, Tensor> model, Batch batch)
    {
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        _ = model.call(batch.Tokens, batch.Lengths).data<float>().ToArray();
    }
}
