using static TorchSharp.torch;

namespace ImdbSentiment.Batching;

/// <summary>One padded batch. Owns its tensors; dispose it (or let the batch's dispose scope do so).</summary>
/// <param name="Tokens">Token ids, int64 <c>[T, B]</c>, padded with the pad id.</param>
/// <param name="Lengths">Unpadded lengths, int64 <c>[B]</c>, on the CPU (as packing requires).</param>
/// <param name="Labels">Labels, float32 <c>[B]</c>: the class index (1 = positive for sentiment).</param>
/// <param name="TokenCount">The number of real (unpadded) tokens in the batch.</param>
public sealed record Batch(Tensor Tokens, Tensor Lengths, Tensor Labels, long TokenCount) : IDisposable
{
    /// <summary>The number of examples.</summary>
    public int Size => (int)Labels.shape[0];

    /// <summary>Collates examples into a padded batch. Empty examples get one pad token (length 1) so packing accepts them.</summary>
    /// <param name="examples">All examples.</param>
    /// <param name="indices">Which examples, in batch order.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="maxTokens">Optional cap: longer examples keep their first <paramref name="maxTokens"/> tokens.</param>
    public static Batch Collate(IReadOnlyList<EncodedReview> examples, IReadOnlyList<int> indices, int padIndex, int? maxTokens = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentOutOfRangeException.ThrowIfZero(indices.Count);
        var size = indices.Count;
        var lengths = new long[size];
        var labels = new float[size];
        var longest = 1;
        long tokenCount = 0;
        for (var b = 0; b < size; b++)
        {
            var example = examples[indices[b]];
            var length = Math.Min(example.Length, maxTokens ?? int.MaxValue);
            lengths[b] = Math.Max(length, 1);
            labels[b] = example.Label;
            longest = Math.Max(longest, length);
            tokenCount += length;
        }

        var ids = new long[longest * size];
        Array.Fill(ids, padIndex);
        for (var b = 0; b < size; b++)
        {
            var tokens = examples[indices[b]].TokenIds;
            var length = (int)Math.Min(tokens.Length, lengths[b]);
            for (var t = 0; t < length; t++)
            {
                ids[(t * size) + b] = tokens[t];
            }
        }

        return new Batch(tensor(ids, [longest, size]), tensor(lengths), tensor(labels), tokenCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Tokens.Dispose();
        Lengths.Dispose();
        Labels.Dispose();
    }
}
