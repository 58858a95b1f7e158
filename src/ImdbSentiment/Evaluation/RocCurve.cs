namespace ImdbSentiment.Evaluation;

/// <summary>ROC analysis of scores against binary labels.</summary>
public static class RocCurve
{
    /// <summary>
    /// The area under the ROC curve, computed exactly as the Mann–Whitney statistic with average ranks for ties
    /// (equal to sklearn's <c>roc_auc_score</c>). NaN when all labels are equal.
    /// </summary>
    /// <param name="scores">Higher means more positive (logits or probabilities).</param>
    /// <param name="positive">True for positive examples.</param>
    public static double Auc(IReadOnlyList<float> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count)
        {
            throw new ArgumentException("scores and labels differ in length", nameof(positive));
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                if (positive[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>The ROC curve's points (false-positive rate, true-positive rate), from (0,0) to (1,1).</summary>
    /// <param name="scores">Higher means more positive.</param>
    /// <param name="positive">True for positive examples.</param>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> Points(IReadOnlyList<float> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double totalPositive = positive.Count(p => p);
        double totalNegative = positive.Count - totalPositive;
        var points = new List<(double, double)> { (0, 0) };
        long tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (positive[order[k]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (k + 1 == order.Length || scores[order[k + 1]] != scores[order[k]])
            {
                points.Add((totalNegative == 0 ? 0 : fp / totalNegative, totalPositive == 0 ? 0 : tp / totalPositive));
            }
        }

        return points;
    }
}
