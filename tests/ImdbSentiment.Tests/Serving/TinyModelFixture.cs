using ImdbSentiment.Inference;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Serving;

/// <summary>A tiny real model bundle (the synthetic rule: positive exactly when token "w5" occurs), trained once per test class.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public TinyModelFixture()
    {
        ModelPath = Trainer.Train(SyntheticData.Request(_folder.Path, epochs: 2)).ModelPath;
        Predictor = SentimentPredictor.Load(ModelPath);
    }

    public string ModelPath { get; }

    public SentimentPredictor Predictor { get; }

    /// <summary>Reviews in the model's vocabulary: <paramref name="i"/> even ones contain "w5" (positive), odd ones don't.</summary>
    public static string Review(int i) => i % 2 == 0
        ? $"w{2 + i % 7} w5 w{9 + i % 5} w{14 + i % 3}"
        : $"w{2 + i % 3} w{6 + i % 8} w{14 + i % 4}";

    public void Dispose()
    {
        Predictor.Dispose();
        _folder.Dispose();
    }
}
