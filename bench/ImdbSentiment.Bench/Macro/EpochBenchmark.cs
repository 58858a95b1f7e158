using System.Diagnostics;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Persistence;
using ImdbSentiment.Text;
using ImdbSentiment.Training;

namespace ImdbSentiment.Bench.Macro;

/// <summary>
/// One real training epoch of <c>--preset</c> (default seed-gru) through <see cref="Trainer.Train"/>: 17,500 training
/// reviews then validation on 7,500 (or <c>--limit</c> reviews per original split for a short run), with the
/// trainer's own batching, checkpointing and metrics. Reports train and validation seconds and tokens/s.
/// <c>--precision</c>, <c>--recompute-segment N</c> (0: off) and <c>--recompute-above MB</c> as on <c>sentiment train</c>.
/// </summary>
internal sealed class EpochBenchmark : IMacroBenchmark
{
    public string Name => "epoch";

    public string Description => "one full seed-gru training epoch (17,500 train + 7,500 validation) through Trainer";

    public IReadOnlyDictionary<string, object> Run(MacroOptions options)
    {
        var path = options.RequireData(Name);
        var preset = Presets.Get(options.String("preset", "seed-gru"));
        var limit = options.OptionalInt("limit");
        var (prepared, prepareSeconds) = BenchCorpus.Prepare(path, limit);
        var folder = Directory.CreateTempSubdirectory("imdb-bench-epoch-").FullName;
        try
        {
            var training = options.Training(preset, epochs: 1);
            var request = new TrainingRequest(preset.Name, preset.ModelFor(prepared.Vocabulary.Count), training,
                new TokenizerInfo(SpacyTokenizer.Version, false),
                new TrainingData(prepared.Vocabulary, prepared.Train, prepared.Validation,
                    new DataInfo(limit, prepared.Train.Count, prepared.Validation.Count, path)),
                folder);
            var clock = Stopwatch.StartNew();
            var epoch = Trainer.Train(request).History[0];
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["preset"] = preset.Name,
                ["precision"] = training.Precision.ToString(),
                ["recomputation"] = training.DescribeRecomputation(),
                ["train_reviews"] = prepared.Train.Count,
                ["validation_reviews"] = prepared.Validation.Count,
                ["prepare_seconds"] = Stats.Round(prepareSeconds, 1),
                ["train_seconds"] = Stats.Round(epoch.TrainSeconds, 1),
                ["train_tokens_per_second"] = Math.Round(epoch.TrainTokensPerSecond),
                ["validation_seconds"] = Stats.Round(epoch.ValidationSeconds, 1),
                ["epoch_wall_seconds"] = Stats.Round(clock.Elapsed.TotalSeconds, 1),
                ["train_accuracy"] = Stats.Round(epoch.TrainAccuracy, 4),
                ["validation_accuracy"] = Stats.Round(epoch.ValidationAccuracy, 4),
                ["rss_megabytes"] = Stats.Round(epoch.ResidentMegabytes, 1),
                ["peak_rss_megabytes"] = (object?)(epoch.PeakResidentMegabytes is { } peak ? Stats.Round(peak, 1) : null) ?? "unknown",
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
