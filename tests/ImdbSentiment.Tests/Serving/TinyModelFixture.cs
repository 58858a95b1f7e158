using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
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
        OnnxPath = OnnxExporter.Export(Predictor.Bundle, Path.Combine(_folder.Path, "export", "model.onnx")).ModelPath;
        Onnx = OnnxPredictor.Load(OnnxPath);
    }

    /// <summary>The engines the service runs on, by their <c>--engine</c> names.</summary>
    public static TheoryData<string> Engines => ["libtorch", "onnx"];

    public string ModelPath { get; }

    /// <summary>The same model exported with <c>export --format onnx</c>.</summary>
    public string OnnxPath { get; }

    public SentimentPredictor Predictor { get; }

    public OnnxPredictor Onnx { get; }

    /// <summary>The predictor of the engine named as <c>--engine</c> names it.</summary>
    public ISentimentPredictor On(string engine) => engine switch
    {
        "libtorch" => Predictor,
        "onnx" => Onnx,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "libtorch or onnx"),
    };

    /// <summary>Reviews in the model's vocabulary: <paramref name="i"/> even ones contain "w5" (positive), odd ones don't.</summary>
    public static string Review(int i) => i % 2 == 0
        ? $"w{2 + i % 7} w5 w{9 + i % 5} w{14 + i % 3}"
        : $"w{2 + i % 3} w{6 + i % 8} w{14 + i % 4}";

    public void Dispose()
    {
        Predictor.Dispose();
        Onnx.Dispose();
        _folder.Dispose();
    }
}
