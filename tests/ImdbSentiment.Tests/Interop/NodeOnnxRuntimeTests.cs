using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// The second, independent check of the ONNX export: ONNX Runtime's Node.js binding (another language, another build of
/// the runtime) scores the same exports as <c>OnnxExportTests</c>, and must give the float64 reference's probabilities.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class NodeOnnxRuntimeTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Architectures() =>
        ["vanilla-rnn", "bi-gru-2-layers", "bi-lstm-max-mean", "rnn-cell-max-mean", "bi-gru-3-classes-calibrated", "shipped-bigru"];

    [SkippableTheory]
    [MemberData(nameof(Architectures))]
    public void Node_ONNX_Runtime_should_give_the_float64_reference_probabilities_alone_and_padded(string architecture)
    {
        NodeOnnxRuntime.RequireOrSkip();

        // Given: a trained model, exported, and 100 texts of its words
        var shipped = architecture == "shipped-bigru";
        var bundle = ModelBundle.Load(shipped ? OnnxReference.ShippedBigru() : InteropModels.Train(architecture, _folder.Combine("run")));
        var export = OnnxExporter.Export(bundle, _folder.Combine("export", "model.onnx"));
        using var predictor = OnnxPredictor.Load(export.ModelPath);
        var ids = InteropTexts.Encode(predictor.Encoder, shipped ? InteropTexts.FromVocabulary(bundle.Vocabulary) : InteropTexts.Create(100));

        // When: Node.js scores them alone and in one padded batch
        var (alone, padded) = NodeOnnxRuntime.Score(export.ModelPath, ids, bundle.Manifest.Model.PadIndex, _folder.Path);

        // Then
        var reference = OnnxReference.Probabilities(bundle, ids);
        var deltas = (Alone: OnnxReference.MaxDelta(alone, reference), Padded: OnnxReference.MaxDelta(padded, reference));
        output.WriteLine($"{architecture}: {ids.Length} texts, max |Δp| vs float64 in Node.js ONNX Runtime: alone {deltas.Alone:E2}, padded {deltas.Padded:E2}");
        Assert.True(deltas.Alone <= Tolerance, $"alone: {deltas.Alone:E2}");
        Assert.True(deltas.Padded <= Tolerance, $"padded: {deltas.Padded:E2}");
        Assert.Contains(reference, p => p.Max() > 0.6);
    }
}
