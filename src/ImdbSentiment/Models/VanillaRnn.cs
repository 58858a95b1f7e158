using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>
/// The tutorial's vanilla RNN: Embedding → single-layer tanh RNN → Linear on the final hidden state. Unlike the
/// tutorial, the final state is that of each review's last real token, not of the padding after it (as with packed
/// sequences; see <see cref="MaskedRecurrentStack"/>).
/// </summary>
public sealed class VanillaRnn : Module<Tensor, Tensor, Tensor>
{
    // Field names are state_dict keys and match the tutorial's attribute names.
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly MaskedRecurrentStack rnn;
    private readonly Linear fc;
#pragma warning restore IDE1006

    /// <summary>Builds the network.</summary>
    /// <param name="options">Architecture; <see cref="ModelOptions.Kind"/> must be <see cref="ModelKind.VanillaRnn"/>.</param>
    public VanillaRnn(ModelOptions options)
        : base(nameof(VanillaRnn))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        embedding = Embedding(options.VocabularySize, options.EmbeddingDim);
        rnn = new MaskedRecurrentStack(RecurrentCell.Rnn, options.EmbeddingDim, options.HiddenDim, layers: 1, bidirectional: false, dropout: 0);
        fc = Linear(options.HiddenDim, options.OutputDim);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public ModelOptions Options { get; }

    /// <summary>Logits for a batch.</summary>
    /// <param name="tokens">Token ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    /// <returns>Logits <c>[B]</c> (or <c>[B, OutputDim]</c> when OutputDim &gt; 1).</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var embedded = embedding.call(tokens);                                          // [T, B, E]
        var (_, hidden) = rnn.call(embedded, lengths);                                  // hidden [1, B, H]
        var logits = fc.call(hidden.squeeze(0));                                        // [B, O]
        return (Options.OutputDim == 1 ? logits.squeeze(1) : logits).MoveToOuterDisposeScope();
    }
}
