using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Runtime;
using ImdbSentiment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// One training step of a preset (<c>--preset seed-gru|seed-rnn|best</c>) on one T≈230 × B=64 batch, three ways on
/// the same tensors: the toolkit's model and step (as <c>Trainer</c> takes it), a bare TorchSharp loop on libtorch's
/// <c>nn.GRU</c>/<c>nn.RNN</c> over the padded tensor (the fastest libtorch baseline, not padding-invariant), and the
/// same on a packed sequence. Reports the median of <c>--steps</c> timed steps after <c>--warmup</c> (packed, without warm-up:
/// <c>--packed-steps</c>, 0 to skip, since libtorch's packed GRU backward is quadratic in T on the CPU).
/// </summary>
internal sealed class TrainStepBenchmark : IMacroBenchmark
{
    public string Name => "train-step";

    public string Description => "toolkit training step vs bare TorchSharp nn.GRU/nn.RNN (unpacked and packed) on the same batch";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var preset = Presets.Get(options.String("preset", "seed-gru"));
        var steps = Math.Max(1, options.Int("steps", 10));
        var warmup = Math.Max(0, options.Int("warmup", 2));
        var packedSteps = Math.Max(0, options.Int("packed-steps", 1));
        var bare = options.Int("bare", 1) != 0;
        var recompute = options.OptionalInt("recompute-segment");
        var recomputeAbove = options.OptionalInt("recompute-above");
        var precision = options.Precision();
        NativeRuntime.SetThreads(options.Threads);
        if (options.OptionalInt("interop") is { } interop)
        {
            torch.set_num_interop_threads(interop);
        }

        var setupClock = System.Diagnostics.Stopwatch.StartNew();
        using var data = StepBatch.Create(options);
        var setupSeconds = setupClock.Elapsed.TotalSeconds;
        var batch = data.Batch;
        var modelOptions = preset.ModelFor(data.VocabularySize);
        var training = preset.Training;

        // Toolkit and bare unpacked steps alternate, so a load change on a busy machine hits both alike.
        torch.manual_seed(1234);
        using var toolkitModel = ModelFactory.Create(modelOptions);
        using var replica = precision == Precision.BFloat16 ? BFloat16Replica.Create(toolkitModel, modelOptions) : null;
        var execution = options.Execution();
        ExecutionPlan.ForTraining(replica?.Model ?? toolkitModel, execution, training with { RecomputeSegment = recompute, RecomputeAboveMegabytes = recomputeAbove });

        // --versus EXECUTION: a second toolkit model on other routes, interleaved too, so the routes' effect is a ratio within one run.
        var versusExecution = options.String("versus") is { } versusText ? Execution.ExecutionOptions.Parse(versusText, options.Threads) : null;
        torch.manual_seed(1234);
        using var versusModel = versusExecution is null ? null : ModelFactory.Create(modelOptions);
        using var versusReplica = versusModel is not null && precision == Precision.BFloat16 ? BFloat16Replica.Create(versusModel, modelOptions) : null;
        using var versusOptimizer = versusModel is null ? null : new ImdbSentiment.Training.Adam(versusModel.parameters(), training.LearningRate, training.WeightDecay);
        if (versusModel is not null)
        {
            ExecutionPlan.ForTraining(versusReplica?.Model ?? versusModel, versusExecution!, training with { RecomputeSegment = recompute, RecomputeAboveMegabytes = recomputeAbove });
            (versusReplica?.Model ?? versusModel).train();
        }

        torch.manual_seed(1234);
        using var unpackedModel = new BareRecurrent(modelOptions, packed: false);
        using var toolkitOptimizer = new ImdbSentiment.Training.Adam(toolkitModel.parameters(), training.LearningRate, training.WeightDecay);
        using var unpackedOptimizer = new ImdbSentiment.Training.Adam(unpackedModel.parameters(), training.LearningRate, training.WeightDecay);
        (replica?.Model ?? toolkitModel).train();
        unpackedModel.train();
        var toolkit = new double[steps];
        var unpacked = new double[steps];
        var versus = new double[steps];
        double rssAfterWarmup = 0;
        long? heapAfterWarmup = null;
        for (var i = -warmup; i < steps; i++)
        {
            if (i == 0)
            {
                rssAfterWarmup = ResidentMegabytes();
                heapAfterWarmup = NativeHeap.InUseBytes();
            }

            var one = StepTimer.Time(() => StepTimer.Step(toolkitModel, toolkitOptimizer, batch, training.GradientClipNorm, replica), 0, 1)[0];
            var two = bare ? StepTimer.Time(() => StepTimer.Step(unpackedModel, unpackedOptimizer, batch, training.GradientClipNorm), 0, 1)[0] : double.NaN;
            var three = versusModel is null ? double.NaN
                : StepTimer.Time(() => StepTimer.Step(versusModel, versusOptimizer!, batch, training.GradientClipNorm, versusReplica), 0, 1)[0];
            if (i >= 0)
            {
                toolkit[i] = one;
                unpacked[i] = two;
                versus[i] = three;
            }
        }

        double[] packed = [];
        if (packedSteps > 0)
        {
            torch.manual_seed(1234);
            using var packedModel = new BareRecurrent(modelOptions, packed: true);
            using var packedOptimizer = new ImdbSentiment.Training.Adam(packedModel.parameters(), training.LearningRate, training.WeightDecay);
            packedModel.train();
            packed = StepTimer.Time(() => StepTimer.Step(packedModel, packedOptimizer, batch, training.GradientClipNorm), 0, packedSteps);
        }

        var tokens = batch.TokenCount;
        var toolkitMs = Stats.Median(toolkit);
        var unpackedMs = Stats.Median(unpacked);
        var result = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["preset"] = preset.Name,
            ["model"] = modelOptions.Describe(),
            ["batch_source"] = data.Source,
            ["batch_steps_t"] = data.Steps,
            ["batch_size"] = batch.Size,
            ["batch_real_tokens"] = tokens,
            ["batch_shortest_review"] = batch.Lengths.min().item<long>(),
            ["interop_threads"] = torch.get_num_interop_threads(),
            ["steps_timed"] = steps,
            ["toolkit_ms_all"] = toolkit.Select(t => Stats.Round(t, 1)).ToArray(),
            ["bare_unpacked_ms_all"] = unpacked.Select(t => Stats.Round(t, 1)).ToArray(),
            ["warmup_steps"] = warmup,
            ["toolkit_ms_per_step"] = Stats.Round(toolkitMs, 1),
            ["toolkit_ms_per_step_min"] = Stats.Round(toolkit.Min(), 1),
            ["toolkit_tokens_per_second"] = Math.Round(tokens / (toolkitMs / 1000)),
            ["bare_unpacked_ms_per_step"] = Stats.Round(unpackedMs, 1),
            ["bare_unpacked_ms_per_step_min"] = Stats.Round(unpacked.Min(), 1),
            ["bare_unpacked_tokens_per_second"] = Math.Round(tokens / (unpackedMs / 1000)),
            ["ratio_toolkit_over_bare_unpacked"] = Stats.Round(toolkitMs / unpackedMs),
            ["ratio_toolkit_over_bare_unpacked_min_to_min"] = Stats.Round(toolkit.Min() / unpacked.Min()),
            ["execution"] = execution.Describe(),
            ["toolkit_precision"] = precision == Precision.BFloat16 ? "bf16 (fp32 master weights)" : "fp32",
            ["recompute_segment"] = recompute?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off",
            ["peak_rss_megabytes"] = Math.Round(System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0),
            ["rss_megabytes_after_warmup"] = Math.Round(rssAfterWarmup),
            ["rss_megabytes_after_timed_steps"] = Math.Round(ResidentMegabytes()),
            ["malloc_in_use_megabytes_after_warmup"] = Megabytes(heapAfterWarmup),
            ["malloc_in_use_megabytes_after_timed_steps"] = Megabytes(NativeHeap.InUseBytes()),
            ["rss_megabytes_after_release"] = NativeRuntime.ReleaseFreedMemory() ? Math.Round(ResidentMegabytes()) : "nothing released",
            ["malloc_arena_max"] = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? $"{NativeHeap.Arenas} (set at start-up)",
        };
        if (!bare)
        {
            foreach (var key in result.Keys.Where(k => k.Contains("bare_unpacked", StringComparison.Ordinal)).ToArray())
            {
                result.Remove(key);
            }
        }

        if (versusExecution is not null)
        {
            result["versus_execution"] = versusExecution.Describe();
            result["versus_ms_all"] = versus.Select(t => Stats.Round(t, 1)).ToArray();
            result["versus_ms_per_step"] = Stats.Round(Stats.Median(versus), 1);
            result["versus_ms_per_step_min"] = Stats.Round(versus.Min(), 1);
            result["ratio_toolkit_over_versus"] = Stats.Round(toolkitMs / Stats.Median(versus));
        }

        if (packed.Length > 0)
        {
            var packedMs = Stats.Median(packed);
            result["bare_packed_steps_timed"] = packed.Length;
            result["bare_packed_ms_per_step"] = Stats.Round(packedMs, 1);
            result["bare_packed_tokens_per_second"] = Math.Round(tokens / (packedMs / 1000));
            result["ratio_toolkit_over_bare_packed"] = Stats.Round(toolkitMs / packedMs);
        }

        result["tokens_per_second_counts"] = "real (unpadded) tokens of the batch per wall second of a step";
        result["setup_seconds"] = Stats.Round(setupSeconds);
        return result;
    }

    private static object Megabytes(long? bytes) => bytes is { } b ? Math.Round(b / 1_048_576.0) : "unavailable";

    private static double ResidentMegabytes()
    {
        if (Environment.GetEnvironmentVariable("BENCH_COLLECT_BEFORE_RSS") == "1")
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64 / 1_048_576.0;
    }
}
