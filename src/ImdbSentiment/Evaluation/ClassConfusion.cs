using ImdbSentiment.Inference;
namespace ImdbSentiment.Evaluation;

/// <summary>
/// Predictions against truth for a model of N classes: <c>Counts[actual][predicted]</c>, classes in target order.
/// Per-class precision, recall and F1 treat each class in turn as the positive one; the macro averages weigh every
/// class alike, whatever its size.
/// </summary>
/// <param name="Counts">N rows (the true class) of N counts (the predicted class).</param>
public sealed record ClassConfusion(IReadOnlyList<long[]> Counts)
{
    /// <summary>Counts the predictions of <paramref name="logits"/> against <paramref name="labels"/>.</summary>
    /// <param name="logits">The reviews' logits.</param>
    /// <param name="labels">Each review's class index.</param>
    public static ClassConfusion Of(ClassLogits logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        logits.RequireLabels(labels);
        var counts = Enumerable.Range(0, logits.Classes).Select(_ => new long[logits.Classes]).ToArray();
        for (var i = 0; i < logits.Count; i++)
        {
            counts[labels[i]][logits.Predicted(i)]++;
        }

        return new ClassConfusion(counts);
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount() => Counts.Count;

    /// <summary>All examples.</summary>
    public long Total() => Counts.Sum(row => row.Sum());

    /// <summary>Examples whose true class is <paramref name="c"/>.</summary>
    /// <param name="c">A class index.</param>
    public long Support(int c) => Counts[c].Sum();

    /// <summary>Correct predictions / all examples; 0 without examples.</summary>
    public double Accuracy() => Ratio(Enumerable.Range(0, ClassCount()).Sum(c => Counts[c][c]), Total());

    /// <summary>Of the examples predicted <paramref name="c"/>, the share that are <paramref name="c"/>; 0 when none was predicted <paramref name="c"/>.</summary>
    /// <param name="c">A class index.</param>
    public double Precision(int c) => Ratio(Counts[c][c], Counts.Sum(row => row[c]));

    /// <summary>Of the examples of class <paramref name="c"/>, the share predicted <paramref name="c"/>; 0 without any.</summary>
    /// <param name="c">A class index.</param>
    public double Recall(int c) => Ratio(Counts[c][c], Support(c));

    /// <summary>The harmonic mean of <see cref="Precision"/> and <see cref="Recall"/> for <paramref name="c"/>.</summary>
    /// <param name="c">A class index.</param>
    public double F1(int c)
    {
        var (p, r) = (Precision(c), Recall(c));
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The mean of the per-class precisions.</summary>
    public double MacroPrecision() => Enumerable.Range(0, ClassCount()).Average(Precision);

    /// <summary>The mean of the per-class recalls.</summary>
    public double MacroRecall() => Enumerable.Range(0, ClassCount()).Average(Recall);

    /// <summary>The mean of the per-class F1 scores.</summary>
    public double MacroF1() => Enumerable.Range(0, ClassCount()).Average(F1);

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
