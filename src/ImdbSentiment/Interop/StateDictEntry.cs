namespace ImdbSentiment.Interop;

/// <summary>One tensor of a PyTorch <c>state_dict</c>: its key and shape.</summary>
/// <param name="Key">The key, e.g. <c>rnn.weight_ih_l0_reverse</c>.</param>
/// <param name="Shape">The shape, e.g. <c>[768, 100]</c>.</param>
public sealed record StateDictEntry(string Key, IReadOnlyList<long> Shape)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key} {InteropException.Shape(Shape)}";
}
