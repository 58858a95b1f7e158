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
using static TorchSharp.torch;

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
        var ids = InteropTexts.Encode(predictor, texts);
        var reference = Reference(bundle, ids);
        var toolkit = predictor.PredictBatch(texts).Select(p => p.Probabilities.ToArray()).ToArray();

        // When: ONNX Runtime scores every text alone and all of them in one batch padded to the longest
        using var session = new InferenceSession(export.ModelPath);
        var alone = ids.Select(x => Score(session, [x], bundle.Manifest.Model.PadIndex)[0]).ToArray();
        var padded = Score(session, ids, bundle.Manifest.Model.PadIndex);
        using var onnxPredictor = OnnxPredictor.Load(export.ModelPath);
        var engine = onnxPredictor.PredictBatch(texts, batchSize: 16).Select(p => p.Probabilities.ToArray()).ToArray();

        // Then
        var deltas = (Alone: MaxDelta(alone, reference), Padded: MaxDelta(padded, reference), Toolkit: MaxDelta(toolkit, reference), Engine: MaxDelta(engine, reference));
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
        var bundle = ModelBundle.Load(ShippedBigru());
        var random = new ImdbSentiment.Randomness.DeterministicRandom(5);
        var words = bundle.Vocabulary.Tokens;
        var texts = Enumerable.Range(0, 100).Select(i => string.Join(' ', Enumerable.Range(0, 1 + random.NextInt(i % 10 == 0 ? 60 : 20)).Select(_ => words[2 + random.NextInt(3000)]))).ToArray();
        var export = OnnxExporter.Export(bundle, _folder.Combine("bigru.onnx"));
        using var predictor = new SentimentPredictor(bundle);
        var ids = InteropTexts.Encode(predictor, texts);

        // When
        using var session = new InferenceSession(export.ModelPath);
        var padded = Score(session, ids, bundle.Manifest.Model.PadIndex);
        var reference = Reference(bundle, ids);

        // Then
        var toolkit = predictor.PredictBatch(texts).Select(p => p.Probabilities.ToArray()).ToArray();
        var (onnx, ours) = (MaxDelta(padded, reference), MaxDelta(toolkit, reference));
        output.WriteLine($"bigru.bundle: {texts.Length} texts, max |Δp| vs float64: ONNX padded {onnx:E2}; toolkit {ours:E2}");
        Assert.True(onnx <= Tolerance, $"ONNX: {onnx:E2}");
        Assert.True(ours <= Tolerance, $"toolkit: {ours:E2}");
        Assert.Contains(reference, p => p[1] < 0.3);
        Assert.Contains(reference, p => p[1] > 0.7);
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

    // models/bigru.bundle of the repository the tests were built from.
    private static string ShippedBigru()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "models", "bigru.bundle");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"no models/bigru.bundle above {AppContext.BaseDirectory}");
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

    // The network in float64: embedding → PyTorch's recurrence on each text's real steps → features → linear → probabilities.
    private static double[][] Reference(LoadedBundle bundle, IReadOnlyList<int[]> ids)
    {
        var options = bundle.Manifest.Model;
        using var network = bundle.CreateModel();
        var weights = network.state_dict().ToDictionary(p => p.Key, p => (p.Value.to_type(ScalarType.Float64).data<double>().ToArray(), p.Value.shape), StringComparer.Ordinal);
        var vanilla = options.Kind == ModelKind.VanillaRnn;
        var (cell, layers, bidirectional) = vanilla ? (RecurrentCell.Rnn, 1, false) : (options.Cell, options.Layers, options.Bidirectional);
        var embedding = weights["embedding.weight"].Item1;
        var e = options.EmbeddingDim;
        var inputs = ids.Select(x => x.Select(id => embedding.AsSpan(id * e, e).ToArray()).ToArray()).ToArray();
        var recurrent = weights.Where(p => p.Key.StartsWith("rnn.", StringComparison.Ordinal)).ToDictionary(p => p.Key["rnn.".Length..], p => p.Value);
        var (outputs, finals) = ManagedRecurrence.Run(cell, recurrent, inputs, [.. ids.Select(x => x.Length)], layers, bidirectional, options.HiddenDim);
        var (fcWeight, fcShape) = weights["fc.weight"];
        var fcBias = weights["fc.bias"].Item1;
        var temperature = bundle.Manifest.Temperature ?? 1;
        return [.. ids.Select((_, b) =>
        {
            var features = options.Pooling == Pooling.FinalHidden || vanilla
                ? finals.SelectMany(f => f[b]).ToArray()
                : [.. Enumerable.Range(0, outputs[b][0].Length).Select(f => outputs[b].Max(step => step[f])),
                   .. Enumerable.Range(0, outputs[b][0].Length).Select(f => outputs[b].Average(step => step[f]))];
            var logits = Enumerable.Range(0, (int)fcShape[0]).Select(o => (fcBias[o] + features.Select((v, i) => v * fcWeight[o * features.Length + i]).Sum()) / temperature).ToArray();
            if (logits.Length == 1)
            {
                var p = 1 / (1 + Math.Exp(-logits[0]));
                return new[] { 1 - p, p };
            }

            var max = logits.Max();
            var sum = logits.Sum(l => Math.Exp(l - max));
            return logits.Select(l => Math.Exp(l - max) / sum).ToArray();
        })];
    }

    private static double MaxDelta(double[][] actual, double[][] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        return actual.Zip(expected).Max(pair => pair.First.Zip(pair.Second, (a, b) => Math.Abs(a - b)).Max());
    }
}
