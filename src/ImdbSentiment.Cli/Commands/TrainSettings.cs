using ImdbSentiment.Cli.Internal;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ImdbSentiment.Cli.Commands;

internal sealed class TrainSettings : DatasetSettings
{
    [CommandOption("--preset <NAME>")]
    [Description("seed-rnn, seed-gru or best (default seed-gru).")]
    public string? Preset { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Override the preset's number of epochs.")]
    public int? Epochs { get; init; }

    [CommandOption("--lr <X>")]
    [Description("Override the preset's learning rate.")]
    public double? LearningRate { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Override the batch size (default 64).")]
    public int? BatchSize { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default 2).")]
    public int? Threads { get; init; }

    [CommandOption("--recompute-segment <STEPS>")]
    [Description("Save memory on long reviews: keep recurrent activations for STEPS steps at a time and recompute them in the backward pass (seed-gru: 64); 0 keeps every activation, as the tutorial does.")]
    public int? RecomputeSegment { get; init; }

    [CommandOption("--recompute-above <MB>")]
    [Description("Recompute only batches whose recurrent activations would take more than MB megabytes (seed-gru: 512); 0 recomputes every batch.")]
    public int? RecomputeAbove { get; init; }

    [CommandOption(PrecisionOption.Template)]
    [Description("fp32 or bf16 (default: the preset's; seed-gru uses bf16 on CPUs with AVX-512 BF16): bf16 trains a bfloat16 copy of the model against fp32 master weights, 1.6x faster per epoch there; validation and the test evaluation run in the same format.")]
    public string? Precision { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for the split, shuffles, initialisation and dropout (default 1234).")]
    public ulong? Seed { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Use at most N reviews from each of train and test (quick runs).")]
    public int? Limit { get; init; }

    [CommandOption("--min-freq <N>")]
    [Description("Vocabulary minimum frequency (default 10).")]
    public int? MinFrequency { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The run folder to create (default runs/PRESET-TIMESTAMP).")]
    public string? Out { get; init; }

    [CommandOption("--from <PATH>")]
    [Description("Start from a trained bundle: train on its vocabulary, beginning with every weight whose name and shape the preset's model shares (embedding, recurrent layers, output layer); the rest starts fresh.")]
    public string? From { get; init; }

    [CommandOption("--frozen-epochs <N>")]
    [Description("With --from: for the first N epochs only the output layer learns, the layers taken from the bundle stay as they were (default 0).")]
    public int? FrozenEpochs { get; init; }

    [CommandOption("--body-lr-factor <F>")]
    [Description("With --from: the layers under the output layer learn at F times the learning rate, 0 < F ≤ 1 (default 1: every layer alike).")]
    public double? BodyLrFactor { get; init; }

    [CommandOption("--ngram-buckets <N>")]
    [Description("nbsvm: the hashed n-gram table's size, a power of two from 1024 to 16777216 (default 4194304); a smaller table makes a smaller bundle.")]
    public int? NgramBuckets { get; init; }

    [CommandOption("--normalize-br")]
    [Description("Read <br /> tags as whitespace (one paragraph token) instead of as spaCy does; recorded in the bundle, so predict reads text the same way. A model started --from a pretrained one reads text as that one did.")]
    public bool NormalizeLineBreaks { get; init; }

    [CommandOption("--teacher <PATH>")]
    [Description("Self-training: a trained binary model (an ensemble, say) labels IMDb's unlabeled reviews, and those it is confident about (--teacher-confidence) join the training split; copies of test reviews are never read. The teacher must have been trained on the same split (seed and --limit).")]
    public string? Teacher { get; init; }

    [CommandOption("--teacher-confidence <P>")]
    [Description("With --teacher: the probability the teacher must give a class for a review to join, above 0.5 and below 1 (default 0.88).")]
    public double? TeacherConfidence { get; init; }

    [CommandOption("--unlabeled <PATH>")]
    [Description("With --teacher: the unlabeled reviews, an archive or folder with aclImdb/train/unsup (default: IMDB_SENTIMENT_UNSUP_DATA, else aclImdb_v1_unsup.tar.gz beside --data, else --data itself, as the official archive holds them).")]
    public string? Unlabeled { get; init; }

    [CommandOption("--resume <DIR>")]
    [Description("Continue the run in DIR from its last checkpoint (the end of an epoch, or a point within one).")]
    public string? Resume { get; init; }

    [CommandOption("--checkpoint-minutes <N>")]
    [Description("During an epoch, write a resumable checkpoint every N minutes (default 10); 0 writes them only at epochs' ends.")]
    public double? CheckpointMinutes { get; init; }

    public override ValidationResult Validate()
    {
        if (Preset is not null && OptionChecks.Preset(Preset) is { } badPreset)
        {
            return badPreset;
        }

        if (Resume is not null && From is not null)
        {
            return ValidationResult.Error("--from starts a new run; a resumed run continues from its own checkpoint");
        }

        if (From is null && (FrozenEpochs ?? (object?)BodyLrFactor) is not null)
        {
            return ValidationResult.Error("--frozen-epochs and --body-lr-factor tune a model started with --from; pass --from BUNDLE");
        }

        if (FrozenEpochs is < 0)
        {
            return ValidationResult.Error("--frozen-epochs must be ≥ 0");
        }

        if (BodyLrFactor is { } factor && !(factor > 0 && factor <= 1))
        {
            return ValidationResult.Error("--body-lr-factor must be > 0 and ≤ 1");
        }

        if (From is not null && MinFrequency is not null)
        {
            return ValidationResult.Error("--from trains on the bundle's vocabulary, so --min-freq does not apply");
        }

        if (ValidateDataset() is { } badDataset)
        {
            return badDataset;
        }

        if (Teacher is null && (TeacherConfidence ?? (object?)Unlabeled) is not null)
        {
            return ValidationResult.Error("--teacher-confidence and --unlabeled go with --teacher BUNDLE");
        }

        if (TeacherConfidence is { } confidence && !(confidence > 0.5 && confidence < 1))
        {
            return ValidationResult.Error("--teacher-confidence must be above 0.5 and below 1");
        }

        if (NgramBuckets is { } buckets && (buckets < 1024 || buckets > 1 << 24 || (buckets & (buckets - 1)) != 0))
        {
            return ValidationResult.Error("--ngram-buckets must be a power of two from 1024 to 16777216");
        }

        if (Resume is not null && (NormalizeLineBreaks || ToDataRequest().HasFileOptions || (Preset ?? Out ?? (object?)LearningRate ?? BatchSize ?? (object?)Seed ?? Limit ?? (object?)MinFrequency ?? Threads ?? RecomputeSegment ?? RecomputeAbove ?? NgramBuckets ?? (object?)Precision ?? Teacher ?? (object?)TeacherConfidence ?? Unlabeled) is not null))
        {
            return ValidationResult.Error("--resume continues a run with its own settings; only --epochs, --data and --checkpoint-minutes may be given with it");
        }

        return this switch
        {
            { Epochs: < 1 } => ValidationResult.Error("--epochs must be ≥ 1"),
            { LearningRate: { } lr } when !(lr > 0) || double.IsInfinity(lr) => ValidationResult.Error("--lr must be > 0"),
            { BatchSize: < 1 } => ValidationResult.Error("--batch-size must be ≥ 1"),
            { Threads: < 1 } => ValidationResult.Error("--threads must be ≥ 1"),
            { RecomputeSegment: < 0 } => ValidationResult.Error("--recompute-segment must be ≥ 0"),
            { RecomputeAbove: < 0 } => ValidationResult.Error("--recompute-above must be ≥ 0"),
            { Precision: not null } when PrecisionOption.Parse(Precision) is null => ValidationResult.Error(PrecisionOption.Invalid),
            { Limit: < 10 } => ValidationResult.Error("--limit must be ≥ 10"),
            { MinFrequency: < 1 } => ValidationResult.Error("--min-freq must be ≥ 1"),
            { CheckpointMinutes: { } minutes } when !(minutes >= 0) || double.IsInfinity(minutes) => ValidationResult.Error("--checkpoint-minutes must be ≥ 0"),
            _ => ValidationResult.Success(),
        };
    }
}
