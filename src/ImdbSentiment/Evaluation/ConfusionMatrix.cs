namespace ImdbSentiment.Evaluation;

/// <summary>Counts of predictions against truth, positive = the positive sentiment.</summary>
/// <param name="TruePositives">Positive reviews predicted positive.</param>
/// <param name="FalsePositives">Negative reviews predicted positive.</param>
/// <param name="TrueNegatives">Negative reviews predicted negative.</param>
/// <param name="FalseNegatives">Positive reviews predicted negative.</param>
public sealed record ConfusionMatrix(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>All examples.</summary>
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>TP / (TP + FP); 0 when nothing was predicted positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 0 when there are no positives.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>The harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>(TP + TN) / total.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>The counts as rows of the true class and columns of the predicted one, negative first: <c>[[TN, FP], [FN, TP]]</c>.</summary>
    public IReadOnlyList<long[]> Counts() => [[TrueNegatives, FalsePositives], [FalseNegatives, TruePositives]];

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
