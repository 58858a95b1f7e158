using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Inference;

/// <summary>The pretrained model shipped in models/ loads, matches its model card, and tells the tutorial's examples apart.</summary>
[Collection(TorchCollection.Name)]
public sealed class BundledModelTests
{
    private static string BundlePath => Path.Combine(AppContext.BaseDirectory, "models", "sentiment.bundle");

    [Fact]
    public void Should_score_the_tutorials_examples()
    {
        using var predictor = SentimentPredictor.Load(BundlePath);

        var terrible = predictor.Predict("This movie is terrible");
        var greatest = predictor.Predict("Greatest film ever!");

        Assert.True(terrible.Probability < 0.1, $"'This movie is terrible' scored {terrible.Probability}");
        Assert.Equal(Sentiment.Negative, terrible.Label);
        Assert.True(greatest.Probability > 0.5, $"'Greatest film ever!' scored {greatest.Probability}");
        Assert.Equal(Sentiment.Positive, greatest.Label);
    }

    [Fact]
    public void Should_carry_its_members_and_test_metrics_and_fit_the_size_budget()
    {
        var manifest = ModelBundle.Load(BundlePath).Manifest;

        Assert.Equal("ensemble", manifest.Preset);
        Assert.Equal(new[] { ModelKind.Nbsvm, ModelKind.Recurrent }.Order(), manifest.Model.Members!.Select(m => m.Kind).Order());
        Assert.Equal(25_000, manifest.Test!.Count);
        Assert.True(manifest.Test.Accuracy >= 0.915, $"test accuracy {manifest.Test.Accuracy}");
        Assert.True(manifest.Test.CalibrationError <= 0.015, $"test calibration error {manifest.Test.CalibrationError}");
        Assert.True(new FileInfo(BundlePath).Length <= 32 * 1024 * 1024);
    }

    [Fact]
    public void Cli_predict_without_a_model_should_use_the_bundled_one()
    {
        var result = CliProcess.Run(["predict", "--json", "This movie is terrible"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"label\":\"neg\"", result.Stdout);
    }
}
