using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Inference;

[Collection(TorchCollection.Name)]
public sealed class SentimentPredictorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SentimentPredictor _predictor;

    public SentimentPredictorTests()
    {
        _predictor = SentimentPredictor.Load(Trainer.Train(SyntheticData.Request(_folder.Path, epochs: 4)).ModelPath);
    }

    public void Dispose()
    {
        _predictor.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Should_score_by_the_learned_rule()
    {
        // The synthetic vocabulary's tokens are "w2".."w19"; positive means "contains id 5" (w5).
        var positive = _predictor.Predict("w3 w5 w7 w9");
        var negative = _predictor.Predict("w3 w6 w7 w9");

        Assert.Equal(Sentiment.Positive, positive.Label);
        Assert.True(positive.Probability > 0.5);
        Assert.Equal(Sentiment.Negative, negative.Label);
        Assert.True(negative.Probability < 0.5);
        Assert.Equal(4, positive.Tokens);
    }

    [Fact]
    public void A_bundles_temperature_should_divide_the_logit_before_the_sigmoid()
    {
        // Given the same model saved with T = 3
        var bundle = _predictor.Bundle;
        var calibratedPath = Path.Combine(_folder.Path, "calibrated.bundle");
        using (var model = bundle.CreateModel())
        {
            ModelBundle.Save(calibratedPath, bundle.Manifest with { Temperature = 3 }, bundle.Vocabulary, model);
        }

        using var calibrated = SentimentPredictor.Load(calibratedPath);

        // Then each probability is sigmoid(logit / 3), with the same label
        foreach (var text in new[] { "w3 w5 w7 w9", "w3 w6 w7 w9", "w5" })
        {
            var plain = _predictor.Predict(text);
            var scaled = calibrated.Predict(text);
            var logit = Math.Log(plain.Probability / (1 - plain.Probability));
            Assert.Equal(1 / (1 + Math.Exp(-logit / 3)), scaled.Probability, 1e-6);
            Assert.Equal(plain.Label, scaled.Label);
        }
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("   ", 1)]
    [InlineData("\n\n", 1)]
    [InlineData("zzz qqq", 2)]
    public void Empty_whitespace_and_unknown_texts_should_get_a_defined_probability(string text, int tokens)
    {
        var prediction = _predictor.Predict(text);

        Assert.InRange(prediction.Probability, 0, 1);
        Assert.Equal(tokens, prediction.Tokens);
        Assert.Equal(prediction.Probability > 0.5 ? Sentiment.Positive : Sentiment.Negative, prediction.Label);
    }

    [Fact]
    public void A_one_megabyte_text_should_be_read_whole()
    {
        var text = string.Concat(Enumerable.Repeat("w3 w6 w7 ", 1_048_576 / 9));

        var prediction = _predictor.Predict(text);

        Assert.Equal(3 * (1_048_576 / 9), prediction.Tokens);
        Assert.InRange(prediction.Probability, 0, 1);
    }

    [Fact]
    public void Streaming_should_keep_input_order_and_match_single_predictions()
    {
        var texts = Enumerable.Range(0, 300).Select(i => string.Join(' ', Enumerable.Repeat(i % 3 == 0 ? "w5" : "w6", 1 + (i % 17)))).ToList();

        var streamed = _predictor.Predict(texts, batchSize: 16, chunkSize: 64).ToList();

        Assert.Equal(texts, streamed.Select(p => p.Text));
        foreach (var i in new[] { 0, 1, 150, 299 })
        {
            Assert.InRange(Math.Abs(_predictor.Predict(texts[i]).Probability - streamed[i].Probability), 0, 1e-5);
        }
    }
}
