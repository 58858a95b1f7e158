using ImdbSentiment.Batching;
using static TorchSharp.torch;

namespace ImdbSentiment.Evaluation;

/// <summary>
/// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one number T that divides every
/// logit before the sigmoid, fitted to minimise the mean cross-entropy on held-out reviews. It changes how sure the
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

        // Search in log(1/T): the same convex function, with the interval's ends at equal footing.
        var (low, high) = (Math.Log(MinInverse), Math.Log(MaxInverse));
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - ratio * (high - low);
        var b = low + ratio * (high - low);
        var (fa, fb) = (Evaluator.MeanLoss(logits, positive, Math.Exp(a)), Evaluator.MeanLoss(logits, positive, Math.Exp(b)));
        for (var i = 0; i < Iterations && high - low > 1e-9; i++)
        {
            if (fa <= fb)
            {
                (high, b, fb) = (b, a, fa);
                a = high - ratio * (high - low);
                fa = Evaluator.MeanLoss(logits, positive, Math.Exp(a));
            }
            else
            {
                (low, a, fa) = (a, b, fb);
                b = low + ratio * (high - low);
                fb = Evaluator.MeanLoss(logits, positive, Math.Exp(b));
            }
        }

        return 1 / Math.Exp((low + high) / 2);
    }

    /// <summary>Scores <paramref name="reviews"/> with <paramref name="model"/> and fits a temperature to them.</summary>
    /// <param name="model">The model, as <see cref="Evaluator.Logits"/> takes it.</param>
    /// <param name="reviews">Held-out reviews (the validation split: never the test reviews the figures are reported on).</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per forward pass.</param>
    /// <param name="workers">Batches scored at once.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static TemperatureFit FitOn(nn.Module<Tensor, Tensor, Tensor> model, IReadOnlyList<EncodedReview> reviews, int padIndex,
        int batchSize, int workers = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var logits = Evaluator.Logits(model, reviews, padIndex, batchSize, cancellationToken: cancellationToken, workers: workers);
        var positive = reviews.Select(e => e.IsPositive).ToArray();
        var temperature = Fit(logits, positive);
        var before = Calibration.ExpectedError(Calibration.Bins(logits, positive));
        Apply(logits, temperature);
        return new TemperatureFit(temperature, reviews.Count, before, Calibration.ExpectedError(Calibration.Bins(logits, positive)));
    }

    /// <summary>Divides every logit by <paramref name="temperature"/>, in place.</summary>
    /// <param name="logits">The logits.</param>
    /// <param name="temperature">T &gt; 0.</param>
    public static void Apply(float[] logits, double temperature)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be > 0");
        }

        if (temperature == 1)
        {
            return;
        }

        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (float)(logits[i] / temperature);
        }
    }
}
