using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ImdbSentiment.Models;

/// <summary>
/// A trained model fed from a larger vocabulary: each input id is looked up in <c>map</c>, which holds the model's own
/// id for that token (its <c>&lt;unk&gt;</c> for a token it does not know), so the model sees exactly the ids its own
/// vocabulary would have given the text.
/// </summary>
public sealed class RemappedClassifier : Module<Tensor, Tensor, Tensor>
{
    // Field names are state_dict keys.
#pragma warning disable IDE1006
    private readonly Module<Tensor, Tensor, Tensor> model;
    private readonly Tensor map;
#pragma warning restore IDE1006

    /// <summary>Builds the model from <paramref name="options"/> with an identity-free map of zeros (set it with <see cref="SetMap"/>).</summary>
    /// <param name="options">The model's own architecture.</param>
    /// <param name="inputVocabularySize">The size of the vocabulary the inputs come from.</param>
    public RemappedClassifier(ModelOptions options, int inputVocabularySize)
        : base(nameof(RemappedClassifier))
    {
        ArgumentNullException.ThrowIfNull(options);
        model = ModelFactory.Create(options);
        map = zeros(inputVocabularySize, dtype: ScalarType.Int64);
        register_buffer(nameof(map), map);
        RegisterComponents();
    }

    /// <summary>The model that scores the remapped ids.</summary>
    public Module<Tensor, Tensor, Tensor> Inner => model;

    /// <summary>The map: entry <c>i</c> is the model's id for the input vocabulary's token <c>i</c>.</summary>
    public long[] Map => map.data<long>().ToArray();

    /// <summary>Sets the map: entry <c>i</c> is the model's id for the input vocabulary's token <c>i</c>.</summary>
    /// <param name="ids">One model id per input id.</param>
    public void SetMap(long[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length != map.shape[0])
        {
            throw new ArgumentException($"the map needs {map.shape[0]} entries, got {ids.Length}", nameof(ids));
        }

        using var values = tensor(ids);
        using var _ = no_grad();
        map.copy_(values);
    }

    /// <summary>The model's logits for ids of the input vocabulary.</summary>
    /// <param name="tokens">Input ids, int64 <c>[T, B]</c>.</param>
    /// <param name="lengths">Lengths, int64 <c>[B]</c> on the CPU.</param>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var own = map.index_select(0, tokens.flatten()).view(tokens.shape);
        return model.call(own, lengths).MoveToOuterDisposeScope();
    }
}
