using ImdbSentiment.Evaluation;
using ImdbSentiment.Inference;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Training;

/// <summary>A model of three classes trained, evaluated, saved and used for prediction through the same code as a binary one.</summary>
[Collection(TorchCollection.Name)]
public sealed class MultiClassTrainingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_three_class_model_should_learn_with_softmax_cross_entropy_and_report_per_class()
    {
        // Given: the three-class task and a tiny GRU with one output per class
        var data = SyntheticData.ThreeClassData();
        var request = SyntheticData.Request(_folder.Combine("run"), epochs: 6, model: SyntheticData.TinyGru with { OutputDim = 3 }) with { Data = data };

        // When
        var result = Trainer.Train(request);

        // Then: the loss starts near ln 3 and the model learns the rule
        Assert.InRange(result.History[0].TrainLoss, 0.5, 1.3);
        var bundle = ModelBundle.Load(result.ModelPath);
        Assert.Equal(["a", "b", "c"], bundle.Manifest.ClassNames());
        using var model = bundle.CreateModel();
        var (report, logits) = Evaluator.Evaluate(model, data.Validation, bundle.Manifest.Model.PadIndex);
        Assert.True(report.Accuracy > 0.9, $"validation accuracy {report.Accuracy:P1}");
        Assert.Equal(data.Validation.Count * 3, logits.Values.Length);
        Assert.NotNull(report.Classes);
        Assert.Equal(data.Validation.Count, report.Classes.Total());
        Assert.Equal(report.Classes.MacroF1(), report.F1);
        Assert.Equal(3, logits.Width);
        Assert.Equal(logits.MeanLoss([.. data.Validation.Select(e => e.ClassIndex)]), report.Loss, 12);

        // And the predictor gives every class's probability under the data's names
        using var predictor = new SentimentPredictor(bundle);
        var ids = data.Validation[0].TokenIds.Select(id => SyntheticData.Vocabulary.Tokens[id]);
        var prediction = predictor.Predict(string.Join(' ', ids));
        Assert.Null(prediction.Label);
        Assert.Equal(3, prediction.Probabilities.Count);
        Assert.Equal(1, prediction.Probabilities.Sum(), 9);
        Assert.Equal(prediction.Probabilities.Max(), prediction.Probability);
        Assert.Equal(data.Info.ClassNames()[prediction.ClassIndex], prediction.ClassName);
    }

    [Fact]
    public void Evaluating_a_multi_class_model_as_binary_logits_should_fail_clearly()
    {
        var data = SyntheticData.ThreeClassData(train: 30, validation: 12);
        using var model = ImdbSentiment.Models.ModelFactory.Create(SyntheticData.TinyGru with { OutputDim = 3 });

        var error = Assert.Throws<InvalidOperationException>(() => BatchScorer.Logits(model, data.Validation, 1));

        Assert.Contains("3 logits per review", error.Message, StringComparison.Ordinal);
    }
}
