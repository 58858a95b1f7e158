using ImdbSentiment.Evaluation;

namespace ImdbSentiment.Tests.Evaluation;

public sealed class MetricTests
{
    [Fact]
    public void Accumulator_should_weight_batches_by_their_size()
    {
        var metrics = new MetricAccumulator();

        metrics.Add(meanLoss: 1.0, correct: 60, size: 64);
        metrics.Add(meanLoss: 3.0, correct: 1, size: 4);

        Assert.Equal(((1.0 * 64) + (3.0 * 4)) / 68, metrics.Loss, 12);
        Assert.Equal(61.0 / 68, metrics.Accuracy, 12);
        Assert.Equal(68, metrics.Count);
    }

    [Fact]
    public void Auc_should_match_sklearn_on_a_small_example_with_ties()
    {
        // Positive/negative pairs ranked correctly: 0.35 beats 0.1 and 0.2 (2), 0.8 beats all (3), 0.4 beats 0.1 and 0.2
        // and ties 0.4 (2.5): 7.5 of 9 pairs, as sklearn's roc_auc_score counts ties.
        float[] scores = [0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.2f];
        bool[] labels = [false, false, true, true, true, false];

        Assert.Equal(7.5 / 9, RocCurve.Auc(scores, labels), 12);
        Assert.True(double.IsNaN(RocCurve.Auc([0.1f, 0.2f], [true, true])));
    }

    [Fact]
    public void Roc_points_should_run_from_origin_to_one_one()
    {
        var points = RocCurve.Points([0.9f, 0.8f, 0.3f, 0.1f], [true, false, true, false]);

        Assert.Equal((0.0, 0.0), points[0]);
        Assert.Equal((1.0, 1.0), points[^1]);
        Assert.Equal((0.0, 0.5), points[1]);
    }

    [Fact]
    public void Confusion_matrix_should_derive_precision_recall_f1()
    {
        var matrix = new ConfusionMatrix(TruePositives: 8, FalsePositives: 2, TrueNegatives: 6, FalseNegatives: 4);

        Assert.Equal(0.8, matrix.Precision, 12);
        Assert.Equal(8.0 / 12, matrix.Recall, 12);
        Assert.Equal(2 * 0.8 * (8.0 / 12) / (0.8 + (8.0 / 12)), matrix.F1, 12);
        Assert.Equal(14.0 / 20, matrix.Accuracy, 12);
    }
}
