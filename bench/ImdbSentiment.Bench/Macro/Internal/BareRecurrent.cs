using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>
/// The baseline for the train-step benchmark: the preset's architecture written directly on libtorch's own
/// <c>nn.GRU</c>/<c>nn.RNN</c>, either on the padded tensor as is (fastest, but padding leaks into the final states)
/// or on a packed sequence (exact, but libtorch's packed backward on the CPU is slow).
/// </summary>
internal sealed class BareRecurrent : Module<Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Embedding embedding;
    private readonly GRU? gru;
    private readonly RNN? rnn;
    private readonly Linear fc;
    private readonly Dropout dropout;
#pragma warning restore IDE1006
    private readonly bool _packed;

    public BareRecurrent(Models.ModelOptions options, bool packed)
        : base(nameof(BareRecurrent))
    {
        _packed = packed;
        if (options.Kind == Models.ModelKind.VanillaRnn)
        {
            embedding = Embedding(options.VocabularySize, options.EmbeddingDim);
            rnn = RNN(options.EmbeddingDim, options.HiddenDim);
            fc = Linear(options.HiddenDim, options.OutputDim);
            dropout = Dropout(0);
        }
        else
        {
            embedding = Embedding(options.VocabularySize, options.EmbeddingDim, padding_idx: options.PadIndex);
            gru = GRU(options.EmbeddingDim, options.HiddenDim, options.Layers, bidirectional: options.Bidirectional,
                dropout: options.Layers > 1 ? options.Dropout : 0);
            fc = Linear(options.HiddenDim * options.Layers * options.Directions, options.OutputDim);
            dropout = Dropout(options.Dropout);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var embedded = dropout.call(embedding.call(tokens));                              // [T, B, E]
        Tensor hidden;
        if (_packed)
        {
            using var packed = TorchSharp.torch.nn.utils.rnn.pack_padded_sequence(embedded, lengths, enforce_sorted: false);
            TorchSharp.torch.nn.utils.rnn.PackedSequence output;
            (output, hidden) = gru is not null ? gru.call(packed) : rnn!.call(packed);
            output.Dispose();
        }
        else
        {
            (_, hidden) = gru is not null ? gru.call(embedded) : rnn!.call(embedded);
        }

        var features = hidden.permute(1, 0, 2).reshape(hidden.shape[1], -1);              // [B, L*D*H]
        return fc.call(dropout.call(features)).squeeze(1).MoveToOuterDisposeScope();
    }
}
