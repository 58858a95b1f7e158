using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Runtime;

namespace ImdbSentiment.Training;

/// <summary>The built-in recipes.</summary>
public static class Presets
{
    /// <summary>The tutorial's vanilla RNN: Embedding 100 → RNN 256 → Linear, Adam lr 0.03, 5 epochs.</summary>
    public static readonly Preset SeedRnn = new(
        "seed-rnn",
        "the tutorial's vanilla RNN (Adam lr 0.03, 5 epochs)",
        new ModelOptions(ModelKind.VanillaRnn, VocabularySize: 0),
        new TrainingOptions(Epochs: 5, LearningRate: 0.03));

    /// <summary>
    /// The tutorial's 2-layer bidirectional GRU with dropout 0.5, Adam default lr, 10 epochs. Trains in bfloat16 on CPUs
    /// with bf16 instructions (<see cref="CpuFeatures.HasNativeBFloat16"/>): on the full run that was clearly faster per
    /// epoch at the same test accuracy (docs/benchmarks.md, bf16 training); elsewhere, and with
    /// <c>--precision fp32</c>, in fp32 as the tutorial does. Batches whose activations would exceed 512 MB (the longer
    /// reviews) are recomputed in 64-step segments during the backward pass: the same gradients, with a peak memory a
    /// fraction of keeping every activation (<c>--recompute-segment 0</c>; docs/benchmarks.md, memory).
    /// </summary>
    public static readonly Preset SeedGru = new(
        "seed-gru",
        "the tutorial's 2-layer bidirectional GRU, dropout 0.5 (Adam lr 0.001, 10 epochs" + (CpuFeatures.HasNativeBFloat16 ? ", bf16 on this CPU)" : ")"),
        new ModelOptions(ModelKind.Recurrent, VocabularySize: 0),
        new TrainingOptions(Epochs: 10, LearningRate: 1e-3, Precision: CpuFeatures.HasNativeBFloat16 ? Precision.BFloat16 : Precision.Float32,
            RecomputeSegment: 64, RecomputeAboveMegabytes: 512));

    /// <summary>
    /// Our recipe: a 1-layer bidirectional GRU with max+mean pooling over all outputs, lighter embedding dropout,
    /// gradient clipping, weight decay and a warm-up + cosine schedule; trains on the first 400 tokens of each review.
    /// It keeps the epoch with the best validation accuracy: on this recipe validation loss starts rising (the model
    /// grows over-confident) while validation accuracy still improves, so the loss rule stops too early.
    /// </summary>
    public static readonly Preset Best = new(
        "best",
        "bi-GRU 1×256 with max+mean pooling, clipping, warm-up + cosine lr (Adam lr 0.002, 6 epochs, best validation accuracy)",
        new ModelOptions(ModelKind.Recurrent, VocabularySize: 0, Layers: 1, Dropout: 0.5, EmbeddingDropout: 0.3, Pooling: Pooling.MaxMean),
        new TrainingOptions(Epochs: 6, LearningRate: 2e-3, WeightDecay: 1e-6, GradientClipNorm: 1.0, MaxTokens: 400,
            Schedule: LearningRateSchedule.WarmupCosine, SelectBy: CheckpointSelection.ValidationAccuracy));

    /// <summary>
    /// A strong linear baseline: NBSVM (Wang &amp; Manning 2012) as a logistic regression on binary uni-, bi- and trigrams
    /// scaled by naive-Bayes log-count ratios, over a vocabulary of every training token (minimum frequency 1) and 2^22
    /// hashed buckets for the longer n-grams. A review's sum is divided by the square root of its feature count, so a
    /// one-sentence review is scored as plainly as a long one. Dropout 0.6 on each review's features; Adam updates only
    /// the weights a batch touched. Trains in about a minute and keeps the epoch with the best validation accuracy.
    /// </summary>
    public static readonly Preset Nbsvm = new(
        "nbsvm",
        "NBSVM: binary 1–3-grams scaled by naive-Bayes log-count ratios, logistic regression over √length-normalised features (Adam lr 0.05, feature dropout 0.6, 6 epochs, best validation accuracy)",
        new ModelOptions(ModelKind.Nbsvm, VocabularySize: 0, Dropout: 0.6, NgramOrder: 3, NgramBuckets: 1 << 22, LengthPower: 0.5),
        new TrainingOptions(Epochs: 6, LearningRate: 5e-2, MinFrequency: 1, SelectBy: CheckpointSelection.ValidationAccuracy));

    /// <summary>
    /// The pretraining recipe of <c>sentiment pretrain</c> (not a classifier, so not in <see cref="All"/>): a
    /// bidirectional GRU language model of the <see cref="Best"/> classifier's widths (embedding 100, 1×256), so that
    /// <c>train --preset best --from</c> starts from its embedding and both directions' recurrent weights. Light dropout
    /// (the model is small for the text it reads), a 1,024-word sampled softmax, the first 400 words of each review,
    /// warm-up + cosine lr; keeps the epoch with the lowest held-out perplexity.
    /// </summary>
    public static readonly Preset Pretrain = new(
        "pretrain",
        "bidirectional GRU 1×256 language model over the train split's and the unlabeled reviews' text (Adam lr 0.002, 2 epochs, 1,024 sampled words)",
        new ModelOptions(ModelKind.LanguageModel, VocabularySize: 0, Layers: 1, Dropout: 0.1, EmbeddingDropout: 0.1),
        new TrainingOptions(Epochs: 2, LearningRate: 2e-3, GradientClipNorm: 1.0, MaxTokens: 400, Schedule: LearningRateSchedule.WarmupCosine,
            SelectBy: CheckpointSelection.ValidationLoss, SampledWords: 1024));

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<Preset> All { get; } = [SeedRnn, SeedGru, Best, Nbsvm];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <param name="name">A preset name.</param>
    /// <exception cref="ArgumentException">No such preset.</exception>
    public static Preset Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"unknown preset '{name}' (expected {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
}
