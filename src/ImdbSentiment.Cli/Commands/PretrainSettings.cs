using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class PretrainSettings : CommonSettings
{
    [CommandOption("--data <PATH>")]
    [Description("The labeled IMDb archive or folder: its train split's text is read, its test reviews never are (default: IMDB_SENTIMENT_DATA, the cache, or a download).")]
    public string? Data { get; init; }

    [CommandOption("--unlabeled <PATH>")]
    [Description("The unlabeled reviews: an archive or folder with aclImdb/train/unsup (default: IMDB_SENTIMENT_UNSUP_DATA, else aclImdb_v1_unsup.tar.gz beside --data, else --data itself, as the official archive holds them).")]
    public string? Unlabeled { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The run folder to create (default runs/pretrain-TIMESTAMP).")]
    public string? Out { get; init; }

    [CommandOption("--resume <DIR>")]
    [Description("Continue the pretraining run in DIR from its last checkpoint.")]
    public string? Resume { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Passes over the text (default 2).")]
    public int? Epochs { get; init; }

    [CommandOption("--lr <X>")]
    [Description("Peak learning rate of the warm-up + cosine schedule (default 0.002).")]
    public double? LearningRate { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Reviews per batch (default 64).")]
    public int? BatchSize { get; init; }

    [CommandOption("--sampled-words <N>")]
    [Description("Words each batch's sampled softmax scores besides the targets (default 1024).")]
    public int? SampledWords { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default 2).")]
    public int? Threads { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed of the train/validation split (use the classifier's), shuffles, initialisation and sampling (default 1234).")]
    public ulong? Seed { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Quick runs: at most N labeled train reviews (before the split, as train --limit picks them) and N unlabeled ones.")]
    public int? Limit { get; init; }

    [CommandOption("--min-freq <N>")]
    [Description("Vocabulary minimum frequency over the pretraining text (default 10).")]
    public int? MinFrequency { get; init; }

    [CommandOption("--held-out <N>")]
    [Description("Validation reviews whose perplexity is measured after each epoch (default 500).")]
    public int? HeldOut { get; init; }

    [CommandOption("--checkpoint-minutes <N>")]
    [Description("During an epoch, write a resumable checkpoint every N minutes (default 10); 0 writes them only at epochs' ends.")]
    public double? CheckpointMinutes { get; init; }

    public override ValidationResult Validate()
    {
        if (Resume is not null && (Out ?? Unlabeled ?? (object?)LearningRate ?? BatchSize ?? (object?)Seed ?? Limit ?? MinFrequency ?? Threads ?? SampledWords ?? HeldOut) is not null)
        {
            return ValidationResult.Error("--resume continues a run with its own settings; only --epochs, --data and --checkpoint-minutes may be given with it");
        }

        return this switch
        {
            { Epochs: < 1 } => ValidationResult.Error("--epochs must be ≥ 1"),
            { LearningRate: { } lr } when !(lr > 0) || double.IsInfinity(lr) => ValidationResult.Error("--lr must be > 0"),
            { BatchSize: < 1 } => ValidationResult.Error("--batch-size must be ≥ 1"),
            { SampledWords: < 1 } => ValidationResult.Error("--sampled-words must be ≥ 1"),
            { Threads: < 1 } => ValidationResult.Error("--threads must be ≥ 1"),
            { Limit: < 10 } => ValidationResult.Error("--limit must be ≥ 10"),
            { MinFrequency: < 1 } => ValidationResult.Error("--min-freq must be ≥ 1"),
            { HeldOut: < 1 } => ValidationResult.Error("--held-out must be ≥ 1"),
            { CheckpointMinutes: { } minutes } when !(minutes >= 0) || double.IsInfinity(minutes) => ValidationResult.Error("--checkpoint-minutes must be ≥ 0"),
            _ => ValidationResult.Success(),
        };
    }
}
