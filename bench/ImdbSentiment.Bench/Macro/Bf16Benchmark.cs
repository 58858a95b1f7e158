using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using ImdbSentiment.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// Is bfloat16 faster for the toolkit's models on this CPU? TorchSharp 0.107 has no autocast (no
/// <c>torch.autocast</c>/<c>AutocastMode</c>), so this measures bf16 weights with fp32 master copies: each step copies the
/// fp32 master weights into a bf16 copy of the model, runs forward and backward in bf16, copies the gradients back
/// and lets Adam update the fp32 masters. Compared with the plain fp32 step on the same batch (as in train-step),
/// plus eval-mode forward passes (inference mode) in both precisions, and the numeric difference of the logits and
/// the loss from identical weights.
/// </summary>
internal sealed class Bf16Benchmark : IMacroBenchmark
{
    public string Name => "bf16";

    public string Description => "fp32 vs bf16 weights (fp32 master copies) on the train-step batch: step and inference time, numeric difference";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var preset = Presets.Get(options.String("preset", "seed-gru"));
        var steps = Math.Max(1, options.Int("steps", 5));
        var warmup = Math.Max(0, options.Int("warmup", 1));
        NativeRuntime.SetThreads(options.Threads);
        using var data = StepBatch.Create(options);
        var batch = data.Batch;
        var modelOptions = preset.ModelFor(data.VocabularySize);
        var training = preset.Training;

        torch.manual_seed(1234);
        using var master = ModelFactory.Create(modelOptions);
        using var replica = BFloat16Replica.Create(master, modelOptions);
        var working = replica.Model;
        var execution = options.Execution();
        ExecutionPlan.ForTraining(master, execution, training);
        ExecutionPlan.ForTraining(working, execution, training);
        var masterParameters = master.parameters().ToArray();
        var workingParameters = working.parameters().ToArray();

        // Numeric difference from identical weights, eval mode (no dropout).
        master.eval();
        working.eval();
        float[] logits32, logits16;
        float loss32, loss16;
        using (inference_mode())
        using (var scope = NewDisposeScope())
        {
            var a = master.call(batch.Tokens, batch.Lengths);
            var b = working.call(batch.Tokens, batch.Lengths).to_type(ScalarType.Float32);
            logits32 = a.data<float>().ToArray();
            logits16 = b.data<float>().ToArray();
            loss32 = nn.functional.binary_cross_entropy_with_logits(a, batch.Labels).item<float>();
            loss16 = nn.functional.binary_cross_entropy_with_logits(b, batch.Labels).item<float>();
        }

        var inference32 = StepTimer.Time(() => Infer(master, batch), warmup, steps);
        var inference16 = StepTimer.Time(() => Infer(working, batch), warmup, steps);

        // Training steps: fp32 as the trainer takes it; then bf16 with fp32 masters, from the same starting weights.
        master.train();
        working.train();
        double[] fp32Times;
        var snapshot = masterParameters.Select(p => p.detach().clone()).ToArray();
        using (var optimizer = new ImdbSentiment.Training.Adam(master.parameters(), training.LearningRate, training.WeightDecay))
        {
            fp32Times = StepTimer.Time(() => StepTimer.Step(master, optimizer, batch, training.GradientClipNorm), warmup, steps);
        }

        using (no_grad())
        {
            for (var i = 0; i < snapshot.Length; i++)
            {
                masterParameters[i].copy_(snapshot[i]);
                snapshot[i].Dispose();
            }
        }

        double[] bf16Times;
        using (var optimizer = new ImdbSentiment.Training.Adam(master.parameters(), training.LearningRate, training.WeightDecay))
        {
            bf16Times = StepTimer.Time(() => StepTimer.Step(master, optimizer, batch, training.GradientClipNorm, replica), warmup, steps);
        }

        var agree = logits32.Zip(logits16).Count(p => (p.First > 0) == (p.Second > 0));
        var fp32Ms = Stats.Median(fp32Times);
        var bf16Ms = Stats.Median(bf16Times);
        var inference32Ms = Stats.Median(inference32);
        var inference16Ms = Stats.Median(inference16);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["preset"] = preset.Name,
            ["autocast_available"] = false,
            ["method"] = "bf16 weights and activations, fp32 master weights and Adam state",
            ["bf16_parameter_dtype"] = workingParameters[0].dtype.ToString(),
            ["batch_source"] = data.Source,
            ["batch_steps_t"] = data.Steps,
            ["batch_size"] = batch.Size,
            ["steps_timed"] = steps,
            ["fp32_train_ms_per_step"] = Stats.Round(fp32Ms, 1),
            ["bf16_train_ms_per_step"] = Stats.Round(bf16Ms, 1),
            ["train_speedup_fp32_over_bf16"] = Stats.Round(fp32Ms / bf16Ms),
            ["fp32_inference_ms_per_batch"] = Stats.Round(inference32Ms, 1),
            ["bf16_inference_ms_per_batch"] = Stats.Round(inference16Ms, 1),
            ["inference_speedup_fp32_over_bf16"] = Stats.Round(inference32Ms / inference16Ms),
            ["logit_max_abs_difference"] = Stats.Round(logits32.Zip(logits16).Max(p => Math.Abs(p.First - p.Second)), 5),
            ["logit_mean_abs_difference"] = Stats.Round(logits32.Zip(logits16).Average(p => Math.Abs(p.First - p.Second)), 5),
            ["decision_agreement_percent"] = Stats.Round(100.0 * agree / logits32.Length, 2),
            ["fp32_loss"] = Stats.Round(loss32, 5),
            ["bf16_loss"] = Stats.Round(loss16, 5),
        };
    }

    private static void Infer(nn.Module<Tensor, Tensor, Tensor> model, Batching.Batch batch)
    {
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        _ = model.call(batch.Tokens, batch.Lengths).to_type(ScalarType.Float32).data<float>().ToArray();
    }
}
