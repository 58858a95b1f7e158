namespace ImdbSentiment.Data;

/// <summary>How many reviews of each label a list holds.</summary>
/// <param name="Positive">The number of positive reviews.</param>
/// <param name="Negative">The number of negative reviews.</param>
public readonly record struct ClassBalance(int Positive, int Negative)
{
    /// <summary>All reviews counted.</summary>
    public int Total => Positive + Negative;

    /// <summary>The share of positive reviews, or 0 for an empty list.</summary>
    public double PositiveFraction => Total == 0 ? 0 : (double)Positive / Total;

    /// <summary>Counts the labels of <paramref name="reviews"/>.</summary>
    /// <param name="reviews">The reviews to count.</param>
    public static ClassBalance Of(IEnumerable<Review> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        int positive = 0, negative = 0;
        foreach (var review in reviews)
        {
            if (review.Label == Sentiment.Positive)
            {
                positive++;
            }
            else
            {
                negative++;
            }
        }

        return new ClassBalance(positive, negative);
    }
}
