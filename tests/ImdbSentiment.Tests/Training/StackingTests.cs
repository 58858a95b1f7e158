using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Training;

public class StackingTests
{
    private static (float[][] Logits, bool[] Positive) Sample(int n, double wa, double wb, double bias, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var a = new float[n];
        var b = new float[n];
        var positive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = (float)((random.NextDouble() * 8) - 4);
            b[i] = (float)((random.NextDouble() * 8) - 4);
            var p = 1 / (1 + Math.Exp(-((wa * a[i]) + (wb * b[i]) + bias)));
            positive[i] = random.NextDouble() < p;
        }

        return ([a, b], positive);
    }

    [Fact]
    public void The_fit_should_zero_the_float64_gradient_of_the_mean_cross_entropy()
    {
        var (logits, positive) = Sample(500, 1.2, -0.4, 0.3, seed: 3);

        var (weights, bias) = Stacking.Fit(logits, positive);

        // The gradient of mean cross-entropy (+ 1e-6/2·|w|²), recomputed here in float64.
        var gradient = new double[3];
        for (var i = 0; i < positive.Length; i++)
        {
            var z = (weights[0] * logits[0][i]) + (weights[1] * logits[1][i]) + bias;
            var residual = (1 / (1 + Math.Exp(-z))) - (positive[i] ? 1 : 0);
            gradient[0] += residual * logits[0][i] / positive.Length;
            gradient[1] += residual * logits[1][i] / positive.Length;
            gradient[2] += residual / positive.Length;
        }

        gradient[0] += 1e-6 * weights[0];
        gradient[1] += 1e-6 * weights[1];
        Assert.All(gradient, g => Assert.InRange(g, -1e-9, 1e-9));
    }

    [Fact]
    public void On_many_reviews_it_should_recover_the_weights_that_made_the_labels()
    {
        var (logits, positive) = Sample(40_000, 1.2, -0.4, 0.3, seed: 5);

        var (weights, bias) = Stacking.Fit(logits, positive);

        Assert.Equal(1.2, weights[0], 0.06);
        Assert.Equal(-0.4, weights[1], 0.06);
        Assert.Equal(0.3, bias, 0.06);
    }

    [Fact]
    public void Mismatched_inputs_should_be_refused()
    {
        Assert.Throws<ArgumentException>(() => Stacking.Fit([], [true]));
        Assert.Throws<ArgumentException>(() => Stacking.Fit([[1f, 2f]], [true]));
    }
}
