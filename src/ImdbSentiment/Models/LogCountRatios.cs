namespace ImdbSentiment.Models;

/// <summary>
/// Naive Bayes log-count ratios (Wang &amp; Manning 2012, "Baselines and Bigrams"): how much more often a feature occurs
/// in positive than in negative reviews, each side smoothed by α and normalised by its total.
/// </summary>
public static class LogCountRatios
{
    /// <summary>
    /// <c>r = log((p / ‖p‖₁) / (q / ‖q‖₁))</c> with <c>p = α + positive</c>, <c>q = α + negative</c>.
    /// </summary>
    /// <param name="positive">Per feature, how many positive reviews contain it.</param>
    /// <param name="negative">Per feature, how many negative reviews contain it.</param>
    /// <param name="alpha">The smoothing count added to every feature (1 in the paper).</param>
    public static float[] Compute(ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, double alpha = 1.0)
    {
        if (positive.Length != negative.Length)
        {
            throw new ArgumentException($"the count vectors differ in length ({positive.Length} vs {negative.Length})", nameof(negative));
        }

        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be > 0");
        }

        double positiveTotal = 0, negativeTotal = 0;
        for (var i = 0; i < positive.Length; i++)
        {
            if (!(positive[i] >= 0) || !(negative[i] >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(positive), "counts must be ≥ 0");
            }

            positiveTotal += alpha + positive[i];
            negativeTotal += alpha + negative[i];
        }

        var ratios = new float[positive.Length];
        var normaliser = Math.Log(negativeTotal / positiveTotal);
        for (var i = 0; i < ratios.Length; i++)
        {
            ratios[i] = (float)(Math.Log((alpha + positive[i]) / (alpha + negative[i])) + normaliser);
        }

        return ratios;
    }
}
