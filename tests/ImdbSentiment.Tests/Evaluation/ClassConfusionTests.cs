using ImdbSentiment.Batching;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Inference;

namespace ImdbSentiment.Tests.Evaluation;

public sealed class ClassConfusionTests
{
    // Three classes, ten reviews: true classes 0 0 0 0 1 1 1 2 2 2, predicted 0 0 1 2 1 1 0 2 2 2.
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 2, 1, 1, 0, 2, 2, 2];

    [Fact]
    public void Should_count_and_score_every_class_as_computed_by_hand()
    {
        var confusion = ClassConfusion.Of(OneHotLogits(Predicted, classes: 3), Truth);

        // Rows are the truth, columns the prediction.
        Assert.Equal([[2L, 1, 1], [1L, 2, 0], [0L, 0, 3]], confusion.Counts);
        Assert.Equal(10, confusion.Total());
        Assert.Equal(0.7, confusion.Accuracy(), 12);

        // Class 0: predicted 3 times (2 right), 4 true → P 2/3, R 1/2, F1 4/7.
        Assert.Equal(2.0 / 3, confusion.Precision(0), 12);
        Assert.Equal(0.5, confusion.Recall(0), 12);
        Assert.Equal(4.0 / 7, confusion.F1(0), 12);

        // Class 1: predicted 3 times (2 right), 3 true → P = R = F1 = 2/3.
        Assert.Equal(2.0 / 3, confusion.F1(1), 12);

        // Class 2: predicted 4 times (3 right), 3 true → P 3/4, R 1, F1 6/7.
        Assert.Equal(0.75, confusion.Precision(2), 12);
        Assert.Equal(1.0, confusion.Recall(2), 12);
        Assert.Equal(6.0 / 7, confusion.F1(2), 12);

        Assert.Equal((2.0 / 3 + 2.0 / 3 + 0.75) / 3, confusion.MacroPrecision(), 12);
        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, confusion.MacroRecall(), 12);
        Assert.Equal((4.0 / 7 + 2.0 / 3 + 6.0 / 7) / 3, confusion.MacroF1(), 12);
        Assert.Equal([4L, 3, 3], Enumerable.Range(0, 3).Select(confusion.Support));
    }

    [Fact]
    public void A_class_never_predicted_and_never_seen_should_score_zero_not_nan()
    {
        var confusion = ClassConfusion.Of(OneHotLogits([0, 1, 0], classes: 4), [0, 1, 1]);

        Assert.Equal(0, confusion.Precision(3));
        Assert.Equal(0, confusion.Recall(3));
        Assert.Equal(0, confusion.F1(3));
        Assert.False(double.IsNaN(confusion.MacroF1()));
    }

    [Fact]
    public void The_evaluator_report_of_a_multi_class_model_should_hold_the_macro_figures_and_the_counts()
    {
        var examples = Truth.Select(t => new EncodedReview([2], t)).ToArray();
        var logits = OneHotLogits(Predicted, classes: 3);

        var report = Evaluator.Summarise(examples, logits, loss: 0.5, seconds: 1);

        Assert.Null(report.Confusion);
        Assert.NotNull(report.Classes);
        Assert.Equal(0.7, report.Accuracy, 12);
        Assert.Equal((4.0 / 7 + 2.0 / 3 + 6.0 / 7) / 3, report.F1, 12);
        Assert.True(double.IsNaN(report.RocAuc));
        Assert.Equal(report.Classes.Counts, report.ConfusionCounts());
    }

    [Fact]
    public void A_binary_report_should_give_its_counts_negative_first()
    {
        var examples = new[] { new EncodedReview([2], 1), new EncodedReview([2], 1), new EncodedReview([2], 0) };

        var report = Evaluator.Summarise(examples, [2f, -1f, 3f], loss: 0.5, seconds: 1);

        Assert.Null(report.Classes);
        Assert.Equal(new ConfusionMatrix(TruePositives: 1, FalsePositives: 1, TrueNegatives: 0, FalseNegatives: 1), report.Confusion);
        Assert.Equal([[0L, 1], [1L, 1]], report.ConfusionCounts());
    }

    // Logits whose largest entry is the predicted class.
    private static ClassLogits OneHotLogits(IReadOnlyList<int> predicted, int classes)
    {
        var values = new float[predicted.Count * classes];
        for (var i = 0; i < predicted.Count; i++)
        {
            for (var c = 0; c < classes; c++)
            {
                values[i * classes + c] = c == predicted[i] ? 2f : -0.5f * c;
            }
        }

        return new ClassLogits(values, classes);
    }
}
