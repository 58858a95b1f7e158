namespace ImdbSentiment.Batching;

/// <summary>A review as the model sees it: token ids and its label (1 = positive, 0 = negative).</summary>
/// <param name="TokenIds">Vocabulary ids, in text order.</param>
/// <param name="Label">1 for positive, 0 for negative.</param>
public readonly record struct EncodedReview(int[] TokenIds, float Label)
{
    /// <summary>The number of tokens.</summary>
    public int Length => TokenIds.Length;

    /// <summary>Whether the review is positive (its label is 1).</summary>
    public bool IsPositive => Label > 0.5f;
}
