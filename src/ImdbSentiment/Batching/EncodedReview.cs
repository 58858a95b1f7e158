namespace ImdbSentiment.Batching;

/// <summary>A review as the model sees it: token ids and its label (its class index: 1 = positive, 0 = negative for sentiment).</summary>
/// <param name="TokenIds">Vocabulary ids, in text order.</param>
/// <param name="Label">The class index as a float: 1 for positive, 0 for negative; 0 … N − 1 for N classes.</param>
public readonly record struct EncodedReview(int[] TokenIds, float Label)
{
    /// <summary>The number of tokens.</summary>
    public int Length => TokenIds.Length;

    /// <summary>The class index (<see cref="Label"/> as an integer).</summary>
    public int ClassIndex => (int)Label;

    /// <summary>Whether the review is positive (its label is 1).</summary>
    public bool IsPositive => Label > 0.5f;
}
