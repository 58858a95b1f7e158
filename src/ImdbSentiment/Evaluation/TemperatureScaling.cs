using ImdbSentiment.Batching;
using ImdbSentiment.Inference;
using static TorchSharp.torch;

namespace ImdbSentiment.Evaluation;

/// <summary>
/// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one number T that divides every
/// logit before the sigmoid (or softmax), fitted to minimise the mean cross-entropy on held-out reviews. It changes how sure the
/// probabilities are, never which label wins, so accuracy, F1 and ROC-AUC stay as they were.
/// </summary>
public static class TemperatureScaling
{
    // The cross-entropy is convex in 1/T, so a golden-section search over 1/T finds the one minimum.
    private const double MinInverse = 1e-3;
    private const double MaxInverse = 1e3;
    private const int Iterations = 200;

    /// <summary>The temperature that minimises the mean cross-entropy of <c>sigmoid(logit / T)</c>.</summary>
    /// <param name="logits">One logit per review.</param>
    /// <param name="positive">Each review's true label.</param>
    /// <exception cref="ArgumentException">No reviews, or the counts differ.</exception>
    public static double Fit(IReadOnlyList<float> logits, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(positive);
        if (logits.Count != positive.Count || logits.Count == 0)
        {
            throw new ArgumentException($"need as many labels as logits, and some: {logits.Count} logits, {positive.Count} labels", nameof(positive));
        }

        return Fit(new ClassLogits([.. logits], 1), [.. positive.Select(p => p ? 1 : 0)]);
    }

    /// <summary>The temperature that minimises the mean cross-entropy of the probabilities of <c>logits / T</c> (sigmoid or softmax).</summary>
    /// <param name="logits">The reviews' logits.</param>
    /// <param name="labels">Each review's class index.</param>
    /// <exception cref="ArgumentException">No reviews, or the counts differ.</exception>
    public static double Fit(ClassLogits logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        logits.RequireLabels(labels);
        if (logits.Count == 0)
        {
            throw new ArgumentException("need some reviews to fit a temperature", nameof(labels));
        }

        // Search in log(1/T): the same convex function, with the interval's ends at equal footing.
        var (low, high) = (Math.Log(MinInverse), Math.Log(MaxInverse));
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - ratio * (high - low);
        var b = low + ratio * (high - low);
        var (fa, fb) = (logits.MeanLoss(labels, Math.Exp(a)), logits.MeanLoss(labels, Math.Exp(b)));
        for (var i = 0; i < Iterations && high - low > 1e-9; i++)
        {
            if (fa <= fb)
            {
                (high, b, fb) = (b, a, fa);
                a = high - ratio * (high - low);
                fa = logits.MeanLoss(labels, Math.Exp(a));
            }
            else
            {
                (low, a, fa) = (a, b, fb);
                b = low + ratio * (high - low);
                fb = logits.MeanLoss(labels, Math.Exp(b));
            }
        }

        return 1 / Math.Exp((low + high) / 2);
    }

    /// <summary>Scores <paramref name="reviews"/> with <paramref name="model"/> and fits a temperature to them.</summary>
    /// <param name="model">The model, as <see cref="BatchScorer.Scores"/> takes it.</param>
    /// <param name="reviews">Held-out reviews (the validation split: never the test reviews the figures are reported on).</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per forward pass.</param>
    /// <param name="workers">Batches scored at once.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static TemperatureFit FitOn(nn.Module<Tensor, Tensor, Tensor> model, IReadOnlyList<EncodedReview> reviews, int padIndex,
        int batchSize, int workers = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var logits = BatchScorer.Scores(model, reviews, padIndex, batchSize, cancellationToken: cancellationToken, workers: workers);
        var labels = reviews.Select(e => e.ClassIndex).ToArray();
        var temperature = Fit(logits, labels);
        var before = Calibration.ExpectedError(Calibration.Bins(logits, labels));
        logits.Divide(temperature);
        return new TemperatureFit(temperature, reviews.Count, before, Calibration.ExpectedError(Calibration.Bins(logits, labels)));
    }

    /// <summary>Divides every logit by <paramref name="temperature"/>, in place.</summary>
    /// <param name="logits">The logits.</param>
    /// <param name="temperature">T &gt; 0.</param>
    public static void Apply(float[] logits, double temperature) => new ClassLogits(logits, 1).Divide(temperature);
}
