using ImdbSentiment.Evaluation;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Evaluation;

[Collection(TorchCollection.Name)]
public sealed class EvaluatorTests
{
    [Fact]
    public void Loss_and_accuracy_should_match_libtorch_on_the_same_logits()
    {
        using var run = new TempFolder();
        using var model = ModelBundle.Load(Trainer.Train(SyntheticData.Request(run.Path, epochs: 1)).ModelPath).CreateModel();
        var reviews = SyntheticData.Reviews(100, seed: 9);

        var (report, logits) = Evaluator.Evaluate(model, reviews, padIndex: 1, batchSize: 16);

        using var output = tensor(logits.Values);
        using var labels = tensor(reviews.Select(r => r.Label).ToArray());
        using var expectedLoss = nn.functional.binary_cross_entropy_with_logits(output, labels);
        Assert.Equal(expectedLoss.item<float>(), report.Loss, 5);
        Assert.Equal(reviews.Where((r, i) => (logits.Values[i] > 0) == (r.Label > 0.5f)).Count() / 100.0, report.Accuracy, 12);
        Assert.Equal(100, report.Count);
    }
}
