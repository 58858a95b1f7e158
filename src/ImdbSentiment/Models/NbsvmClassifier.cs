using ImdbSentiment.Batching;
using ImdbSentiment.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>
/// NBSVM (Wang &amp; Manning 2012) trained as a logistic regression: a review's features are the distinct uni- to
/// n-grams it contains (<see cref="NgramFeatures"/>), each scaled by its naive-Bayes log-count ratio <c>r</c>
/// (<see cref="LogCountRatios"/>, fitted on the training split); the logit is <c>Σ r_f · weight_f + bias</c> over the
/// review's features, divided by the number of features to the power <see cref="ModelOptions.LengthPower"/>. In training, dropout removes each of a review's features at random (<see cref="ModelOptions.Dropout"/>):
/// nearly every review can be separated by n-grams no other review has, and without it the weights learn those.
/// </summary>
public sealed class NbsvmClassifier : Module<Tensor, Tensor, Tensor>, IFitsTrainingSplit, IRowSparseParameters
{
    // Field names are state_dict keys.
#pragma warning disable IDE1006
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor ratio;
#pragma warning restore IDE1006

    /// <summary>Builds the model with every ratio and weight zero (fit the ratios before training).</summary>
    /// <param name="options">Architecture; <see cref="ModelOptions.Kind"/> must be <see cref="ModelKind.Nbsvm"/>.</param>
    public NbsvmClassifier(ModelOptions options)
        : base(nameof(NbsvmClassifier))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        FeatureCount = NgramFeatures.Count(options.VocabularySize, options.NgramBuckets);
        weight = new Parameter(zeros(FeatureCount));
        bias = new Parameter(zeros(1));
        ratio = zeros(FeatureCount);
        register_buffer(nameof(ratio), ratio);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public ModelOptions Options { get; }

    /// <summary>The number of features: the vocabulary's ids, then the hashed buckets.</summary>
    public int FeatureCount { get; }

    /// <summary>The feature weights: a batch's gradient reaches only the features its reviews contain.</summary>
    public IEnumerable<Parameter> RowSparseParameters => [weight];

    /// <summary>Logits for a batch.</summary>
    /// <param name="tokens">Token ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    /// <returns>Logits <c>[B]</c>, in fp32.</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var (features, reviews) = NgramFeatures.OfBatch(tokens, lengths, Options.NgramOrder, Options.VocabularySize, Options.NgramBuckets);
        // Summed in fp32 whatever the weights' format: a review adds up hundreds of terms, which bf16 cannot hold exactly.
        var contributions = ratio.index_select(0, features).to_type(ScalarType.Float32)
            .mul(weight.index_select(0, features).to_type(ScalarType.Float32));                                 // [N]
        if (training && Options.Dropout > 0)
        {
            contributions = functional.dropout(contributions, Options.Dropout, training: true);
        }

        var logits = zeros(tokens.shape[1], dtype: contributions.dtype).index_add(0, reviews, contributions, NativeScalars.One);  // [B]
        if (Options.LengthPower > 0)
        {
            // Counted before dropout, so training and inference divide a review by the same number.
            using var power = NativeScalars.Owned(Options.LengthPower);
            var counts = zeros_like(logits).index_add(0, reviews, ones_like(contributions), NativeScalars.One).clamp_min(NativeScalars.One);
            logits = logits.div(counts.pow(power));
        }

        return logits.add(bias.to_type(ScalarType.Float32), NativeScalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>Fits the log-count ratios to the training split (with α = 1).</summary>
    /// <param name="train">The training reviews.</param>
    /// <param name="maxTokens">Training sees at most this many leading tokens of each review, if set.</param>
    public void FitTrainingSplit(IReadOnlyList<EncodedReview> train, int? maxTokens)
    {
        ArgumentNullException.ThrowIfNull(train);
        var positive = new double[FeatureCount];
        var negative = new double[FeatureCount];
        foreach (var review in train)
        {
            var length = Math.Min(review.Length, maxTokens ?? int.MaxValue);
            var ids = Array.ConvertAll(review.TokenIds[..length], id => (long)id);
            var counts = review.IsPositive ? positive : negative;
            foreach (var feature in NgramFeatures.Of(ids, Options.NgramOrder, Options.VocabularySize, Options.NgramBuckets))
            {
                counts[feature]++;
            }
        }

        using var fitted = tensor(LogCountRatios.Compute(positive, negative));
        using var _ = no_grad();
        ratio.copy_(fitted);
    }
}
