using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Tests.Models;
using ImdbSentiment.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// The ONNX export scored by ONNX Runtime against a plain float64 reference of the same network
/// (<see cref="ManagedRecurrence"/>) and against the toolkit's own predictor, one text at a time and in one padded batch.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OnnxExportTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Architectures() =>
        ["vanilla-rnn", "bi-gru-2-layers", "bi-lstm-max-mean", "rnn-cell-max-mean", "bi-gru-3-classes-calibrated"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ONNX_Runtime_should_give_the_float64_reference_probabilities_alone_and_padded(string architecture)
    {
        // Given: a trained tiny model (calibrated when named so), exported
        var bundlePath = InteropModels.Train(architecture, _folder.Combine("run"));
        var bundle = ModelBundle.Load(bundlePath);
        var export = OnnxExporter.Export(bundle, _folder.Combine("export", "model.onnx"));
        using var predictor = new SentimentPredictor(bundle);
        var texts = InteropTexts.Create(120);
        var ids = InteropTexts.Encode(predictor.Encoder, texts);
        var reference = OnnxReference.Probabilities(bundle, ids);
        var toolkit = predictor.PredictBatch(texts).Select(p => p.Probabilities.ToArray()).ToArray();

        // When: ONNX Runtime scores every text alone and all of them in one batch padded to the longest
        using var session = new InferenceSession(export.ModelPath);
        var alone = ids.Select(x => Score(session, [x], bundle.Manifest.Model.PadIndex)[0]).ToArray();
        var padded = Score(session, ids, bundle.Manifest.Model.PadIndex);
        using var onnxPredictor = OnnxPredictor.Load(export.ModelPath);
        var engine = onnxPredictor.PredictBatch(texts, batchSize: 16).Select(p => p.Probabilities.ToArray()).ToArray();

        // Then
        var deltas = (Alone: OnnxReference.MaxDelta(alone, reference), Padded: OnnxReference.MaxDelta(padded, reference), Toolkit: OnnxReference.MaxDelta(toolkit, reference), Engine: OnnxReference.MaxDelta(engine, reference));
        output.WriteLine($"{architecture}: {texts.Count} texts, max |Δp| vs float64: ONNX alone {deltas.Alone:E2}, padded {deltas.Padded:E2}, OnnxPredictor {deltas.Engine:E2}; toolkit {deltas.Toolkit:E2}");
        Assert.True(deltas.Alone <= Tolerance, $"alone: {deltas.Alone:E2}");
        Assert.True(deltas.Padded <= Tolerance, $"padded: {deltas.Padded:E2}");
        Assert.True(deltas.Engine <= Tolerance, $"OnnxPredictor: {deltas.Engine:E2}");
        Assert.True(deltas.Toolkit <= Tolerance, $"toolkit: {deltas.Toolkit:E2}");
        Assert.Contains(reference, p => p.Max() > 0.6);
        Assert.Equal(bundle.Manifest.ClassNames(), System.Text.Json.JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["labels"]));
        Assert.True(File.Exists(export.VocabularyPath));
    }

    [Fact]
    public void The_shipped_bigru_should_score_the_same_in_ONNX_Runtime_as_in_the_toolkit()
    {
        // Given: the shipped bi-GRU (calibrated), and 100 texts of its own words, 1 to 60 of them
        var bundle = ModelBundle.Load(OnnxReference.ShippedBigru());
        var texts = InteropTexts.FromVocabulary(bundle.Vocabulary);
        var export = OnnxExporter.Export(bundle, _folder.Combine("bigru.onnx"));
        using var predictor = new SentimentPredictor(bundle);
        var ids = InteropTexts.Encode(predictor.Encoder, texts);

        // When
        using var session = new InferenceSession(export.ModelPath);
        var padded = Score(session, ids, bundle.Manifest.Model.PadIndex);
        var reference = OnnxReference.Probabilities(bundle, ids);

        // Then
        var toolkit = predictor.PredictBatch(texts).Select(p => p.Probabilities.ToArray()).ToArray();
        var (onnx, ours) = (OnnxReference.MaxDelta(padded, reference), OnnxReference.MaxDelta(toolkit, reference));
        output.WriteLine($"bigru.bundle: {texts.Length} texts, max |Δp| vs float64: ONNX padded {onnx:E2}; toolkit {ours:E2}");
        Assert.True(onnx <= Tolerance, $"ONNX: {onnx:E2}");
        Assert.True(ours <= Tolerance, $"toolkit: {ours:E2}");
        Assert.Contains(reference, p => p[1] < 0.3);
        Assert.Contains(reference, p => p[1] > 0.7);
    }

    [Theory]
    [InlineData("bi-gru-2-layers")]
    [InlineData("bi-lstm-max-mean")]
    [InlineData("bi-gru-3-classes-calibrated")]
    public void The_int8_weight_export_should_compute_the_float64_network_of_its_rounded_weights(string architecture)
    {
        // Given: a trained tiny model exported with int8 weights
        var bundle = ModelBundle.Load(InteropModels.Train(architecture, _folder.Combine("run")));
        var export = OnnxExporter.Export(bundle, _folder.Combine("export", "model-int8.onnx"), int8Weights: true);
        var texts = InteropTexts.Create(100);
        using var predictor = OnnxPredictor.Load(export.ModelPath);
        var ids = InteropTexts.Encode(predictor.Encoder, texts);

        // When
        var actual = predictor.PredictBatch(texts, batchSize: 16).Select(p => p.Probabilities.ToArray()).ToArray();

        // Then: the network of the rounded weights, exactly; the original network, closely
        var (rounded, original) = (OnnxReference.MaxDelta(actual, OnnxReference.Probabilities(bundle, ids, int8Weights: true)), OnnxReference.MaxDelta(actual, OnnxReference.Probabilities(bundle, ids)));
        output.WriteLine($"{architecture} int8 weights: max |Δp| vs its rounded float64 network {rounded:E2}, vs the fp32 model's {original:E2}");
        Assert.True(rounded <= Tolerance, $"rounded: {rounded:E2}");
        Assert.True(original <= 0.05, $"original: {original:E2}");
        using var session = new InferenceSession(export.ModelPath);
        Assert.Equal("int8", session.ModelMetadata.CustomMetadataMap["weights"]);
    }

    [Fact]
    public void A_model_without_recurrent_layers_should_be_refused()
    {
        var options = new ModelOptions(ModelKind.Nbsvm, SyntheticData.Vocabulary.Count, NgramBuckets: 64);
        var bundle = ModelBundle.Load(Trainer.Train(SyntheticData.Request(_folder.Combine("nbsvm"), epochs: 1, model: options)).ModelPath);

        var error = Assert.Throws<InteropException>(() => OnnxExporter.Export(bundle, _folder.Combine("x.onnx")));

        Assert.Contains("ONNX export covers the recurrent models", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("x.onnx")));
    }

    // Every class's probability per text: [1 − p, p] for a binary model.
    private static double[][] Score(InferenceSession session, IReadOnlyList<int[]> ids, int padIndex)
    {
        var steps = ids.Max(x => x.Length);
        var tokens = new DenseTensor<long>([ids.Count, steps]);
        var lengths = new DenseTensor<long>([ids.Count]);
        for (var b = 0; b < ids.Count; b++)
        {
            lengths[b] = ids[b].Length;
            for (var t = 0; t < steps; t++)
            {
                tokens[b, t] = t < ids[b].Length ? ids[b][t] : padIndex;
            }
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor("tokens", tokens), NamedOnnxValue.CreateFromTensor("lengths", lengths)]);
        var probabilities = results.Single(r => r.Name == "probabilities").AsTensor<float>();
        return probabilities.Dimensions.Length == 1
            ? [.. Enumerable.Range(0, ids.Count).Select(b => new[] { 1 - (double)probabilities[b], probabilities[b] })]
            : [.. Enumerable.Range(0, ids.Count).Select(b => Enumerable.Range(0, probabilities.Dimensions[1]).Select(c => (double)probabilities[b, c]).ToArray())];
    }
}
