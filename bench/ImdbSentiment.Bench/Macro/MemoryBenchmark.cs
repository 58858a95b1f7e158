using System.Diagnostics;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;
using ImdbSentiment.Text;
using ImdbSentiment.Training;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// Resident memory of a real <see cref="Trainer.Train"/> run of <c>--preset</c> (default seed-gru) for
/// <c>--epochs</c> (default 3) on <c>--limit</c> reviews per split (default 300; 0 = the full corpus): RSS after each
/// epoch (as the trainer records it), the process's peak RSS, and the growth from epoch 1 to the last; also the peak
/// after each epoch and what native malloc and the .NET heap hold. <c>--recompute-segment N</c> (0: off), <c>--recompute-above MB</c> and
/// <c>--precision</c> as on <c>sentiment train</c>. <c>--by-mapping 1</c> also splits the resident size after each epoch by
/// what maps it (<see cref="ResidentMappings"/>; sampled after the checkpoint is written, after a full GC and a
/// <c>malloc_trim</c> of its own, so off by default to keep runs comparable).
/// </summary>
internal sealed class MemoryBenchmark : IMacroBenchmark
{
    public string Name => "memory";

    public string Description => "RSS after each epoch of a short seed-gru training run, peak RSS, growth epoch 1→3";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var path = options.RequireData(Name);
        var preset = Presets.Get(options.String("preset", "seed-gru"));
        var limit = options.Int("limit", 300);
        var epochs = Math.Max(2, options.Int("epochs", 3));
        var (prepared, _) = BenchCorpus.Prepare(path, limit > 0 ? limit : null);
        var folder = Directory.CreateTempSubdirectory("imdb-bench-memory-").FullName;
        try
        {
            var training = options.Training(preset, epochs);
            var request = new TrainingRequest(preset.Name, preset.ModelFor(prepared.Vocabulary.Count), training,
                new TokenizerInfo(SpacyTokenizer.Version, false),
                new TrainingData(prepared.Vocabulary, prepared.Train, prepared.Validation,
                    new DataInfo(limit > 0 ? limit : null, prepared.Train.Count, prepared.Validation.Count, path)),
                folder);
            var byMapping = options.Int("by-mapping", 0) != 0;
            var mappings = new List<IReadOnlyDictionary<string, double>?>();
            void Sample(EpochMetrics _)
            {
                NativeRuntime.ReleaseUnusedMemory();
                mappings.Add(ResidentMappings.Sample());
            }

            var clock = Stopwatch.StartNew();
            var result = Trainer.Train(request, epochCompleted: byMapping ? Sample : null);
            var rss = result.History.Select(h => h.ResidentMegabytes).ToArray();
            double?[] PerEpoch(Func<EpochMetrics, double?> figure) =>
                [.. result.History.Select(h => figure(h) is { } v ? Stats.Round(v, 1) : (double?)null)];
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0;
            var report = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["preset"] = preset.Name,
                ["limit_per_split"] = limit > 0 ? limit : "none",
                ["train_reviews"] = prepared.Train.Count,
                ["validation_reviews"] = prepared.Validation.Count,
                ["epochs"] = epochs,
                ["recomputation"] = training.DescribeRecomputation(),
                ["precision"] = training.Precision.ToString(),
                ["rss_megabytes_after_epoch"] = rss.Select(r => Stats.Round(r, 1)).ToArray(),
                ["peak_rss_megabytes"] = Stats.Round(peak, 1),
                ["peak_rss_megabytes_after_epoch"] = PerEpoch(h => h.PeakResidentMegabytes),
                ["native_heap_in_use_megabytes_after_epoch"] = PerEpoch(h => h.NativeHeapInUseMegabytes),
                ["managed_heap_megabytes_after_epoch"] = PerEpoch(h => h.ManagedHeapMegabytes),
                ["growth_percent_epoch_1_to_last"] = Stats.Round((rss[^1] - rss[0]) / rss[0] * 100, 2),
                ["growth_percent_epoch_2_to_last"] = Stats.Round((rss[^1] - rss[1]) / rss[1] * 100, 2),
                ["train_seconds_per_epoch"] = result.History.Select(h => Stats.Round(h.TrainSeconds, 1)).ToArray(),
                ["validation_seconds_per_epoch"] = result.History.Select(h => Stats.Round(h.ValidationSeconds, 1)).ToArray(),
                ["train_tokens_per_second_per_epoch"] = result.History.Select(h => Math.Round(h.TrainTokensPerSecond)).ToArray(),
                ["wall_seconds"] = Stats.Round(clock.Elapsed.TotalSeconds, 1),
            };
            if (byMapping)
            {
                report["resident_megabytes_by_mapping_after_epoch"] = mappings.All(m => m is null)
                    ? "unavailable (no /proc/self/smaps)"
                    : ResidentMappings.Categories.ToDictionary(c => c, c => mappings.Select(m => Stats.Round(m![c], 1)).ToArray(), StringComparer.Ordinal);
            }

            return report;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
