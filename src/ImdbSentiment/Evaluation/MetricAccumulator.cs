namespace ImdbSentiment.Evaluation;

/// <summary>
/// Sums loss and correct predictions over examples and divides once, so the figures do not depend on the batch
/// size or on a smaller last batch (the tutorial averages batch means instead).
/// </summary>
internal sealed class MetricAccumulator
{
    /// <summary>An empty accumulator.</summary>
    public MetricAccumulator()
    {
    }

    /// <summary>An accumulator holding sums taken earlier (a checkpointed epoch's).</summary>
    /// <param name="lossSum">The loss summed over examples.</param>
    /// <param name="correct">Correct predictions.</param>
    /// <param name="count">Examples.</param>
    public MetricAccumulator(double lossSum, long correct, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correct, count);
        (LossSum, Correct, Count) = (lossSum, correct, count);
    }

    /// <summary>The loss summed over examples.</summary>
    public double LossSum { get; private set; }

    /// <summary>Examples seen.</summary>
    public long Count { get; private set; }

    /// <summary>Correct predictions.</summary>
    public long Correct { get; private set; }

    /// <summary>Adds one batch.</summary>
    /// <param name="meanLoss">The batch's mean loss.</param>
    /// <param name="correct">Correct predictions in the batch.</param>
    /// <param name="size">Examples in the batch.</param>
    public void Add(double meanLoss, long correct, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correct, size);
        LossSum += meanLoss * size;
        Correct += correct;
        Count += size;
    }

    /// <summary>Mean loss per example (NaN before any example).</summary>
    public double Loss => Count == 0 ? double.NaN : LossSum / Count;

    /// <summary>Fraction correct (NaN before any example).</summary>
    public double Accuracy => Count == 0 ? double.NaN : (double)Correct / Count;
}
