using ImdbSentiment.Evaluation;

namespace ImdbSentiment.Tests.Evaluation;

public sealed class CalibrationTests
{
    private static readonly float LogOdds9 = (float)Math.Log(9);   // p = 0.9
    private static readonly float LogOddsQuarter = (float)Math.Log(0.25); // p = 0.2: predicted negative with confidence 0.8

    [Fact]
    public void Should_bin_by_the_confidence_of_the_predicted_label_and_weigh_each_gap_by_its_share()
    {
        // Two at confidence 0.9 (one right), two at 0.8 (both right)
        float[] logits = [LogOdds9, LogOdds9, LogOddsQuarter, LogOddsQuarter];
        bool[] positive = [true, false, false, false];

        var bins = Calibration.Bins(logits, positive);

        Assert.Equal(10, bins.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 2, 2], bins.Select(b => b.Count));
        Assert.Equal(0.8, bins[8].MeanConfidence, 1e-6);
        Assert.Equal(1.0, bins[8].Accuracy);
        Assert.Equal(0.9, bins[9].MeanConfidence, 1e-6);
        Assert.Equal(0.5, bins[9].Accuracy);
        Assert.True(double.IsNaN(bins[0].Accuracy));
        // 2/4 × |1.0 − 0.8| + 2/4 × |0.5 − 0.9|
        Assert.Equal(0.3, Calibration.ExpectedError(bins), 1e-6);
    }

    [Fact]
    public void A_model_right_as_often_as_it_claims_should_have_no_calibration_error()
    {
        // Ten reviews at confidence 0.9, nine of them right
        var logits = Enumerable.Repeat(LogOdds9, 10).ToArray();
        var positive = Enumerable.Range(0, 10).Select(i => i != 0).ToArray();

        Assert.Equal(0.0, Calibration.ExpectedError(Calibration.Bins(logits, positive)), 1e-6);
    }

    [Fact]
    public void Certainty_should_fall_in_the_last_interval_and_no_reviews_give_NaN()
    {
        var bins = Calibration.Bins([100f, -100f], [true, true]);

        Assert.Equal(2, bins[^1].Count);
        Assert.Equal(0.5, Calibration.ExpectedError(bins), 1e-9);
        Assert.True(double.IsNaN(Calibration.ExpectedError(Calibration.Bins([], []))));
        Assert.Throws<ArgumentException>(() => Calibration.Bins([1f], [true, false]));
    }
}
