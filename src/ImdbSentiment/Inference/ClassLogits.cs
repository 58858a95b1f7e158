namespace ImdbSentiment.Inference;

/// <summary>
/// A model's logits for a list of reviews, row by row: one logit per review for a binary model (the second class's,
/// read through a sigmoid), or one per class for a model of more classes (read through a softmax). Everything that
/// turns logits into decisions, probabilities and losses goes through here, so binary and multi-class models are
/// scored by the same rules.
/// </summary>
public sealed class ClassLogits
{
    /// <summary>Wraps logits already computed.</summary>
    /// <param name="values">Row-major logits, <paramref name="width"/> per review.</param>
    /// <param name="width">1 for a binary model, else the number of classes (at least 3).</param>
    public ClassLogits(float[] values, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (width != 1 && width < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "1 (binary) or the number of classes (3 or more)");
        }

        if (values.Length % width != 0)
        {
            throw new ArgumentException($"{values.Length} logits do not make rows of {width}", nameof(values));
        }

        (Values, Width) = (values, width);
    }

    /// <summary>The logits, <see cref="Width"/> per review.</summary>
    public float[] Values { get; }

    /// <summary>Logits per review: 1 for a binary model.</summary>
    public int Width { get; }

    /// <summary>The number of reviews.</summary>
    public int Count => Values.Length / Width;

    /// <summary>The number of classes: 2 for a binary model.</summary>
    public int Classes => Width == 1 ? 2 : Width;

    /// <summary>One review's logits.</summary>
    /// <param name="review">The review's index.</param>
    public ReadOnlySpan<float> Row(int review) => Values.AsSpan(review * Width, Width);

    /// <summary>The class the model picks: for a binary model the second when the logit is &gt; 0; else the largest logit (the first on ties).</summary>
    /// <param name="review">The review's index.</param>
    public int Predicted(int review)
    {
        var row = Row(review);
        if (Width == 1)
        {
            return row[0] > 0 ? 1 : 0;
        }

        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            best = row[c] > row[best] ? c : best;
        }

        return best;
    }

    /// <summary>Every class's probability for one review, in float64: <c>[1 − σ(x), σ(x)]</c> or the softmax.</summary>
    /// <param name="review">The review's index.</param>
    /// <param name="logitScale">Multiplies every logit first (1 / T for a temperature T).</param>
    public double[] Probabilities(int review, double logitScale = 1)
    {
        var row = Row(review);
        if (Width == 1)
        {
            var p = 1 / (1 + Math.Exp(-row[0] * logitScale));
            return [1 - p, p];
        }

        var max = ScaledMax(row, logitScale);
        var probabilities = new double[Width];
        var sum = 0.0;
        for (var c = 0; c < Width; c++)
        {
            probabilities[c] = Math.Exp(row[c] * logitScale - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < Width; c++)
        {
            probabilities[c] /= sum;
        }

        return probabilities;
    }

    /// <summary>
    /// The mean cross-entropy per review in float64, in the numerically stable forms libtorch uses (BCE-with-logits for a
    /// binary model, log-softmax for more classes); NaN without reviews.
    /// </summary>
    /// <param name="labels">Each review's class index.</param>
    /// <param name="logitScale">Multiplies every logit first (1 / T scores a temperature T).</param>
    public double MeanLoss(IReadOnlyList<int> labels, double logitScale = 1)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RequireLabels(labels);
        if (Width == 1)
        {
            return BinaryMeanLoss(Values, [.. labels.Select(l => l == 1)], logitScale);
        }

        var sum = 0.0;
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            var max = ScaledMax(row, logitScale);
            var exponentials = 0.0;
            foreach (var x in row)
            {
                exponentials += Math.Exp(x * logitScale - max);
            }

            sum += max + Math.Log(exponentials) - row[labels[i]] * logitScale;
        }

        return Count == 0 ? double.NaN : sum / Count;
    }

    /// <summary>Divides every logit by <paramref name="temperature"/>, in place.</summary>
    /// <param name="temperature">T &gt; 0.</param>
    public void Divide(double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be > 0");
        }

        if (temperature == 1)
        {
            return;
        }

        for (var i = 0; i < Values.Length; i++)
        {
            Values[i] = (float)(Values[i] / temperature);
        }
    }

    // The largest scaled logit, subtracted before exponentiating so that no exponential overflows.
    private static double ScaledMax(ReadOnlySpan<float> row, double logitScale)
    {
        var max = double.NegativeInfinity;
        foreach (var x in row)
        {
            max = Math.Max(max, x * logitScale);
        }

        return max;
    }

    internal void RequireLabels(IReadOnlyList<int> labels)
    {
        if (labels.Count != Count)
        {
            throw new ArgumentException($"{Count} reviews' logits but {labels.Count} labels", nameof(labels));
        }

        foreach (var label in labels)
        {
            if ((uint)label >= (uint)Classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"a class index of {Classes} classes");
            }
        }
    }

    /// <summary>
    /// The mean binary cross-entropy of <c>sigmoid(logit × logitScale)</c> per review, in float64 and in the numerically
    /// stable form libtorch uses; NaN without reviews. A <paramref name="logitScale"/> of 1 / T scores a temperature T.
    /// </summary>
    /// <param name="logits">One logit per review.</param>
    /// <param name="positive">Each review's true label.</param>
    /// <param name="logitScale">Multiplies every logit first.</param>
    public static double BinaryMeanLoss(IReadOnlyList<float> logits, IReadOnlyList<bool> positive, double logitScale = 1)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(positive);
        var sum = 0.0;
        for (var i = 0; i < logits.Count; i++)
        {
            var x = logits[i] * logitScale;
            sum += Math.Max(x, 0) - (positive[i] ? x : 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }

        return logits.Count == 0 ? double.NaN : sum / logits.Count;
    }
}
