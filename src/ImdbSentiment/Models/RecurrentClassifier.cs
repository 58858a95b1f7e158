using ImdbSentiment.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>
/// The tutorial's second model, generalised: Embedding (pad row zero) → dropout → (bi)directional multi-layer
/// GRU/LSTM/RNN with inter-layer dropout, exact on padded batches as packed sequences are (see
/// <see cref="MaskedRecurrentStack"/>) → features → dropout → Linear. Features are either the final
/// hidden states of all layers and directions (<c>HiddenDim × Layers × Directions</c>, as the tutorial does) or
/// max+mean pooling over the last layer's outputs (<c>2 × HiddenDim × Directions</c>).
/// </summary>
public sealed class RecurrentClassifier : Module<Tensor, Tensor, Tensor>
{
    // Field names are state_dict keys and match the tutorial's attribute names.
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly MaskedRecurrentStack rnn;
    private readonly Linear fc;
    private readonly Dropout dropout;
    private readonly Dropout embedding_dropout;
#pragma warning restore IDE1006

    /// <summary>Builds the network.</summary>
    /// <param name="options">Architecture; <see cref="ModelOptions.Kind"/> must be <see cref="ModelKind.Recurrent"/>.</param>
    public RecurrentClassifier(ModelOptions options)
        : base(nameof(RecurrentClassifier))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        embedding = Embedding(options.VocabularySize, options.EmbeddingDim, padding_idx: options.PadIndex);
        var interLayerDropout = options.Layers > 1 ? options.Dropout : 0.0;
        rnn = new MaskedRecurrentStack(options.Cell, options.EmbeddingDim, options.HiddenDim, options.Layers, options.Bidirectional, interLayerDropout);
        fc = Linear(FeatureCount(options), options.OutputDim);
        dropout = Dropout(options.Dropout);
        embedding_dropout = Dropout(options.EmbeddingDropout ?? options.Dropout);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public ModelOptions Options { get; }

    /// <summary>The width of the features fed to the final Linear layer.</summary>
    /// <param name="options">The architecture.</param>
    public static int FeatureCount(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Pooling == Pooling.FinalHidden
            ? options.HiddenDim * options.Layers * options.Directions
            : 2 * options.HiddenDim * options.Directions;
    }

    /// <summary>Logits for a batch.</summary>
    /// <param name="tokens">Token ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    /// <returns>Logits <c>[B]</c> (or <c>[B, OutputDim]</c> when OutputDim &gt; 1).</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var embedded = embedding_dropout.call(embedding.call(tokens));                  // [T, B, E]
        var (output, hidden) = rnn.call(embedded, lengths);                             // [T, B, D*H], [L*D, B, H]
        var features = Options.Pooling == Pooling.FinalHidden
            ? hidden.permute(1, 0, 2).reshape(hidden.shape[1], -1)                        // [B, L*D*H]: layer-major, forward first
            : MaxMeanPool(output.to_type(ScalarType.Float32), lengths).to_type(output.dtype); // [B, 2*D*H]; fp32 sums and lengths

        var logits = fc.call(dropout.call(features));                                   // [B, O]
        return (Options.OutputDim == 1 ? logits.squeeze(1) : logits).MoveToOuterDisposeScope();
    }

    private static Tensor MaxMeanPool(Tensor output, Tensor lengths)
    {
        var padding = StepMask.Of(lengths.data<long>().ToArray(), output.shape[0]).logical_not(); // [T, B, 1]
        var padded = output.masked_fill(padding, NativeScalars.NegativeInfinity);
        var max = padded.max(dim: 0).values;
        var mean = output.masked_fill(padding, NativeScalars.Zero).sum(dim: 0).div(lengths.to_type(output.dtype).clamp_min(NativeScalars.One).unsqueeze(1));
        return cat([max, mean], 1);
    }
}
