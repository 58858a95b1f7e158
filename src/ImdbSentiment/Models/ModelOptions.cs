using System.Globalization;

namespace ImdbSentiment.Models;

/// <summary>Everything needed to rebuild a model's architecture. Defaults are the tutorial's bi-GRU.</summary>
/// <param name="Kind">Which network.</param>
/// <param name="VocabularySize">Embedding rows (the vocabulary's size, specials included).</param>
/// <param name="EmbeddingDim">Embedding width.</param>
/// <param name="HiddenDim">Recurrent state width per direction.</param>
/// <param name="OutputDim">Output logits per review (1 for binary sentiment).</param>
/// <param name="Layers">Recurrent layers (Recurrent only).</param>
/// <param name="Bidirectional">Run each layer in both directions (Recurrent only).</param>
/// <param name="Dropout">Dropout on the features and between recurrent layers (Recurrent); on each review's n-gram features in training (Nbsvm).</param>
/// <param name="PadIndex">The pad id; its embedding row stays zero (Recurrent only).</param>
/// <param name="Cell">The recurrent cell (Recurrent only).</param>
/// <param name="Pooling">How states become features (Recurrent only).</param>
/// <param name="EmbeddingDropout">Dropout on the embeddings; null means <paramref name="Dropout"/> (Recurrent only).</param>
/// <param name="NgramOrder">The longest n-gram used as a feature, from unigrams (1) up (Nbsvm only).</param>
/// <param name="NgramBuckets">How many weights the hashed n-grams of two or more tokens share (Nbsvm only); unigrams
/// have one weight per vocabulary entry.</param>
/// <param name="LengthPower">The sum over a review's n-gram features is divided by their count to this power (Nbsvm only): 0 sums
/// (a short text then scores near 0.5 however plain it is), 0.5 divides by the square root (the binary feature vector's
/// L2 norm), 1 averages.</param>
/// <param name="Members">The member models' architectures, each over its own vocabulary (Ensemble only).</param>
public sealed record ModelOptions(
    ModelKind Kind,
    int VocabularySize,
    int EmbeddingDim = 100,
    int HiddenDim = 256,
    int OutputDim = 1,
    int Layers = 2,
    bool Bidirectional = true,
    double Dropout = 0.5,
    int PadIndex = 1,
    RecurrentCell Cell = RecurrentCell.Gru,
    Pooling Pooling = Pooling.FinalHidden,
    double? EmbeddingDropout = null,
    int NgramOrder = 3,
    int NgramBuckets = 1 << 22,
    double LengthPower = 0,
    IReadOnlyList<ModelOptions>? Members = null)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public ModelOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(VocabularySize, 2, nameof(VocabularySize));
        ArgumentOutOfRangeException.ThrowIfLessThan(EmbeddingDim, 1, nameof(EmbeddingDim));
        ArgumentOutOfRangeException.ThrowIfLessThan(HiddenDim, 1, nameof(HiddenDim));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutputDim, 1, nameof(OutputDim));
        if (OutputDim == 2)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputDim), OutputDim, "two classes take one output (the second class's logit); more take one per class");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Layers, 1, nameof(Layers));
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
        }

        if (EmbeddingDropout is { } embeddingDropout && (embeddingDropout is < 0 or >= 1 || double.IsNaN(embeddingDropout)))
        {
            throw new ArgumentOutOfRangeException(nameof(EmbeddingDropout), embeddingDropout, "must be in [0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(NgramOrder, 1, nameof(NgramOrder));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(NgramOrder, NgramFeatures.MaxOrder, nameof(NgramOrder));
        ArgumentOutOfRangeException.ThrowIfLessThan(NgramBuckets, 1, nameof(NgramBuckets));
        if (Kind == ModelKind.Nbsvm && (long)VocabularySize + NgramBuckets > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(NgramBuckets), NgramBuckets, "with the vocabulary, the features must number fewer than 2^31");
        }

        if (LengthPower is < 0 or > 1 || double.IsNaN(LengthPower))
        {
            throw new ArgumentOutOfRangeException(nameof(LengthPower), LengthPower, "must be in [0, 1]");
        }

        if (Kind == ModelKind.Ensemble)
        {
            if (Members is not { Count: >= 1 } members || OutputDim != 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Members), Members?.Count ?? 0, "an ensemble needs at least one member and one output");
            }

            foreach (var member in members)
            {
                if (member.Kind == ModelKind.Ensemble || member.OutputDim != 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(Members), member.Kind, "an ensemble's members are single binary models");
                }

                member.Validate();
            }
        }

        if (Kind == ModelKind.Nbsvm && OutputDim != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputDim), OutputDim, "must be 1 for Nbsvm (a binary classifier)");
        }

        if (PadIndex < 0 || PadIndex >= VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(PadIndex), PadIndex, "must be a vocabulary id");
        }

        return this;
    }

    /// <summary>The outputs a classifier of <paramref name="classes"/> classes needs: 1 for two (the second class's logit), else one per class.</summary>
    /// <param name="classes">At least 2.</param>
    public static int OutputsFor(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        return classes == 2 ? 1 : classes;
    }

    /// <summary>The number of classes a classifier with these options tells apart.</summary>
    public int Classes() => OutputDim == 1 ? 2 : OutputDim;

    /// <summary>The number of recurrent directions (1 or 2).</summary>
    public int Directions => Kind is ModelKind.Recurrent or ModelKind.LanguageModel && Bidirectional ? 2 : 1;

    /// <summary>A one-line description, e.g. "bi-GRU 2×256, final hidden, dropout 0.5".</summary>
    public string Describe() => Kind switch
    {
        ModelKind.Ensemble => $"ensemble of {Members?.Count ?? 0}: " + string.Join(" + ", (Members ?? []).Select(m => m.Describe())),
        ModelKind.Nbsvm => string.Create(CultureInfo.InvariantCulture, $"NBSVM: binary 1–{NgramOrder}-grams ({VocabularySize:N0} unigrams, {NgramBuckets:N0} hashed buckets for longer ones) ") +
                           "scaled by naive-Bayes log-count ratios" + LengthPower switch { 0 => string.Empty, 0.5 => ", sum ÷ √features", 1 => ", averaged", _ => string.Create(CultureInfo.InvariantCulture, $", sum ÷ features^{LengthPower}") } +
                           " → logistic regression",
        ModelKind.LanguageModel => $"{(Bidirectional ? "bidirectional " : string.Empty)}{Cell.ToString().ToUpperInvariant()} {Layers}×{HiddenDim} language model: " +
                                   $"embedding {VocabularySize}×{EmbeddingDim}, shared with the output words, dropout {Dropout}",
        ModelKind.VanillaRnn => $"vanilla RNN: embedding {VocabularySize}×{EmbeddingDim} → tanh RNN {HiddenDim} → linear {OutputDim}",
        _ => $"{(Bidirectional ? "bi-" : string.Empty)}{Cell.ToString().ToUpperInvariant()} {Layers}×{HiddenDim}: embedding {VocabularySize}×{EmbeddingDim}, " +
             $"{(Pooling == Pooling.FinalHidden ? "final hidden states" : "max+mean pooling")}, dropout {Dropout} → linear {OutputDim}",
    };
}
