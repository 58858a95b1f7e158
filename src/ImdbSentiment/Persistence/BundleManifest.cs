using ImdbSentiment.Data;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Models;

namespace ImdbSentiment.Persistence;

/// <summary>The JSON manifest of a model bundle: everything needed to rebuild and judge the model.</summary>
/// <param name="FormatVersion">The bundle format version.</param>
/// <param name="CreatedBy">The toolkit and version that wrote it.</param>
/// <param name="CreatedUtc">When it was written.</param>
/// <param name="Preset">The preset name it was trained from.</param>
/// <param name="Model">The architecture.</param>
/// <param name="Training">The training options.</param>
/// <param name="Tokenizer">The tokenizer.</param>
/// <param name="VocabularySize">The vocabulary's size (checked against vocab.json and the weights).</param>
/// <param name="Data">What it was trained on.</param>
/// <param name="History">Per-epoch metrics so far.</param>
/// <param name="BestEpoch">The epoch these weights come from (0 if untrained).</param>
/// <param name="Test">Test-set evaluation, once done.</param>
/// <param name="Resume">Training state, in checkpoints only.</param>
/// <param name="Entries">SHA-256 (hex) of every other entry, by name.</param>
/// <param name="Temperature">Divides the logits before the sigmoid, fitted on the validation split
/// (<see cref="TemperatureScaling"/>); null for bundles not calibrated, which score with T = 1.</param>
public sealed record BundleManifest(
    int FormatVersion,
    string CreatedBy,
    DateTimeOffset CreatedUtc,
    string Preset,
    ModelOptions Model,
    TrainingOptions Training,
    TokenizerInfo Tokenizer,
    int VocabularySize,
    DataInfo? Data,
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    EvaluationReport? Test,
    ResumeInfo? Resume,
    IReadOnlyDictionary<string, string> Entries,
    double? Temperature = null)
{
    /// <summary>
    /// The manifest of a model not yet trained or evaluated, written now by this build: no history, no test report, no
    /// training state; <see cref="ModelBundle.Save"/> fills in the entries' checksums.
    /// </summary>
    public static BundleManifest Begin(string preset, ModelOptions model, TrainingOptions training, TokenizerInfo tokenizer, int vocabularySize, DataInfo? data) =>
        new(ModelBundle.FormatVersion, ModelBundle.CreatedBy, DateTimeOffset.UtcNow, preset, model, training, tokenizer, vocabularySize, data,
            History: [], BestEpoch: 0, Test: null, Resume: null, Entries: new Dictionary<string, string>());

    /// <summary>The class names in target order: those recorded with the data, else IMDb's <c>neg</c>, <c>pos</c>.</summary>
    public IReadOnlyList<string> ClassNames() => Data?.ClassNames() ?? SentimentLabels.Names;

    /// <summary>
    /// Whether the model was trained on the split a run of this seed and limit draws: models that combine or teach one
    /// another must be, or one's validation reviews would be another's training reviews.
    /// </summary>
    /// <param name="seed">The other run's seed.</param>
    /// <param name="limit">The other run's data limit.</param>
    public bool SharesSplit(ulong seed, int? limit) => Training.Seed == seed && Data?.Limit == limit;

    /// <summary>The split in words, as in "seed 1234, limit none".</summary>
    public string DescribeSplit() => DescribeSplit(Training.Seed, Data?.Limit);

    /// <summary>A split in words, as in "seed 1234, limit none".</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="limit">The data limit.</param>
    public static string DescribeSplit(ulong seed, int? limit) =>
        $"seed {seed}, limit {limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
}
