using ImdbSentiment.Evaluation;
using ImdbSentiment.Inference;

namespace ImdbSentiment.Tests.Evaluation;

public sealed class TemperatureScalingTests
{
    [Fact]
    public void Should_recover_the_temperature_that_generated_the_labels()
    {
        // Logits from -6 to 6; at each, 1,000 reviews of which round(1000 · sigmoid(z / 2.5)) are positive
        var (logits, positive) = Generated(2.5);

        var temperature = TemperatureScaling.Fit(logits, positive);

        Assert.Equal(2.5, temperature, 0.02);
    }

    [Fact]
    public void The_fitted_temperature_should_have_a_lower_loss_than_its_neighbours_and_than_none()
    {
        var (logits, positive) = Generated(0.6);

        var temperature = TemperatureScaling.Fit(logits, positive);

        var best = ClassLogits.BinaryMeanLoss(logits, positive, 1 / temperature);
        Assert.True(best <= ClassLogits.BinaryMeanLoss(logits, positive, 1 / (temperature * 1.01)));
        Assert.True(best <= ClassLogits.BinaryMeanLoss(logits, positive, 1 / (temperature * 0.99)));
        Assert.True(best < ClassLogits.BinaryMeanLoss(logits, positive, 1.0));
    }

    [Fact]
    public void Applying_should_divide_every_logit_and_refuse_a_temperature_that_is_not_positive()
    {
        float[] logits = [2f, -4f, 0f];

        TemperatureScaling.Apply(logits, 2);

        Assert.Equal([1f, -2f, 0f], logits);
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Apply(logits, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Apply(logits, double.NaN));
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([], []));
    }

    private static (float[] Logits, bool[] Positive) Generated(double temperature)
    {
        var logits = new List<float>();
        var positive = new List<bool>();
        for (var z = -6.0; z <= 6.0; z += 0.5)
        {
            var positives = (int)Math.Round(1000 / (1 + Math.Exp(-z / temperature)));
            for (var i = 0; i < 1000; i++)
            {
                logits.Add((float)z);
                positive.Add(i < positives);
            }
        }

        return ([.. logits], [.. positive]);
    }
}
