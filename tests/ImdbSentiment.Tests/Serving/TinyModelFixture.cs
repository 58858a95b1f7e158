using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Serving;

/// <summary>A tiny real model bundle (the synthetic rule: positive exactly when token "w5" occurs), trained once per test class.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Lazy<string> _onnxPath;
    private readonly Lazy<OnnxPredictor> _onnx;

    public TinyModelFixture()
    {
        ModelPath = Trainer.Train(SyntheticData.Request(_folder.Path, epochs: 2)).ModelPath;
        Predictor = SentimentPredictor.Load(ModelPath);
        // Exported and loaded only for the test classes that use the ONNX engine.
        _onnxPath = new(() => OnnxExporter.Export(Predictor.Bundle, Path.Combine(_folder.Path, "export", "model.onnx")).ModelPath);
        _onnx = new(() => OnnxPredictor.Load(OnnxPath));
    }

    /// <summary>The engines the service runs on, by their <c>--engine</c> names.</summary>
    public static TheoryData<string> Engines => ["libtorch", "onnx"];

    public string ModelPath { get; }

    /// <summary>The same model exported with <c>export --format onnx</c>.</summary>
    public string OnnxPath => _onnxPath.Value;

    public SentimentPredictor Predictor { get; }

    public OnnxPredictor Onnx => _onnx.Value;

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
        if (_onnx.IsValueCreated)
        {
            _onnx.Value.Dispose();
        }

        _folder.Dispose();
    }
}
