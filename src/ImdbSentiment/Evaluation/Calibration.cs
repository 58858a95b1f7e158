using ImdbSentiment.Inference;
namespace ImdbSentiment.Evaluation;

/// <summary>
/// How far a model's probabilities are from the frequencies they claim: reviews grouped by confidence (the probability
/// of the class the model predicts: between 0.5 and 1 for two classes, 1/N and 1 for N), and the expected calibration error, the review-weighted mean
/// gap between each group's confidence and its accuracy.
/// </summary>
public static class Calibration
{
    /// <summary>The number of equal-width confidence intervals over [0, 1] that the reports use.</summary>
    public const int DefaultBins = 10;

    /// <summary>Groups reviews into <paramref name="bins"/> equal-width confidence intervals over [0, 1].</summary>
    /// <param name="logits">One logit per review; the prediction is positive when it is &gt; 0.</param>
    /// <param name="positive">Each review's true label.</param>
    /// <param name="bins">The number of intervals.</param>
    public static IReadOnlyList<CalibrationBin> Bins(IReadOnlyList<float> logits, IReadOnlyList<bool> positive, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(positive);
        if (logits.Count != positive.Count)
        {
            throw new ArgumentException($"{logits.Count} logits but {positive.Count} labels", nameof(positive));
        }

        return Bins(new ClassLogits([.. logits], 1), [.. positive.Select(p => p ? 1 : 0)], bins);
    }

    /// <summary>Groups reviews into <paramref name="bins"/> equal-width confidence intervals over [0, 1], the confidence being the predicted class's probability.</summary>
    /// <param name="logits">The reviews' logits, binary or multi-class.</param>
    /// <param name="labels">Each review's class index.</param>
    /// <param name="bins">The number of intervals.</param>
    public static IReadOnlyList<CalibrationBin> Bins(ClassLogits logits, IReadOnlyList<int> labels, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        logits.RequireLabels(labels);
        var counts = new long[bins];
        var confidence = new double[bins];
        var correct = new long[bins];
        for (var i = 0; i < logits.Count; i++)
        {
            var predicted = logits.Predicted(i);
            var sure = logits.Probabilities(i)[predicted];
            var bin = Math.Min((int)(sure * bins), bins - 1);
            counts[bin]++;
            confidence[bin] += sure;
            correct[bin] += predicted == labels[i] ? 1 : 0;
        }

        return [.. Enumerable.Range(0, bins).Select(b => new CalibrationBin((double)b / bins, (double)(b + 1) / bins, counts[b],
            counts[b] == 0 ? double.NaN : confidence[b] / counts[b], counts[b] == 0 ? double.NaN : (double)correct[b] / counts[b]))];
    }

    /// <summary>The expected calibration error: Σ over intervals of (share of reviews) × |accuracy − mean confidence|; NaN without reviews.</summary>
    /// <param name="bins">The intervals, as <see cref="Bins(ClassLogits, IReadOnlyList{int}, int)"/> gives them.</param>
    public static double ExpectedError(IReadOnlyList<CalibrationBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var total = bins.Sum(b => b.Count);
        return total == 0 ? double.NaN : bins.Where(b => b.Count > 0).Sum(b => (double)b.Count / total * Math.Abs(b.Accuracy - b.MeanConfidence));
    }
}
