using System.Text.Json;
using ImdbSentiment.Data;
using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Interop.Internal;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// The real thing: models cross between the toolkit and PyTorch (Debian's python3-torch) and predict the same
/// probabilities on 100 texts, |Δp| ≤ 1e-5. Skipped without python + torch unless IMDB_SENTIMENT_REQUIRE_PYTHON_TORCH=1.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PythonInteropTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Exported() => ["vanilla-rnn", "bi-gru-2-layers", "bi-lstm-max-mean", "bi-gru-2-layers-calibrated", "bi-gru-3-classes-calibrated"];

    public static TheoryData<string> Imported() => [.. Presets.All.Where(p => PyTorchStateDict.Covers(p.Model.Kind)).Select(p => p.Name)];

    [SkippableTheory]
    [MemberData(nameof(Exported))]
    public void Exported_model_should_predict_the_same_in_PyTorch(string architecture)
    {
        // Given: a trained tiny model, exported, and the ids and probabilities of 100 texts in C#
        var torchVersion = PythonTorch.VersionOrSkip();
        var model = InteropModels.Architecture(architecture);
        var bundlePath = InteropModels.Train(architecture, _folder.Combine("run"));

        var export = PyTorchExporter.Export(ModelBundle.Load(bundlePath), _folder.Combine("export", "model.pt"));
        var texts = InteropTexts.Create();
        using var predictor = SentimentPredictor.Load(bundlePath);
        // Every class's probability, row by row (one per text for a binary model: the second class's)
        var expected = predictor.PredictBatch(texts).SelectMany(p => model.OutputDim == 1 ? [p.Probability] : p.Probabilities).ToArray();
        var inputs = WriteIds(InteropTexts.Encode(predictor.Encoder, texts));

        // When: PyTorch builds the reference module from the config, loads the state_dict and predicts
        var outputs = _folder.Combine("python.json");
        PythonTorch.RunScript("predict", "--config", export.ConfigPath, "--state-dict", export.StateDictPath, "--inputs", inputs, "--out", outputs);

        // Then
        var actual = ReadProbabilities(outputs);
        var delta = MaxDelta(expected, actual);
        output.WriteLine($"{architecture}: torch {torchVersion}, {texts.Count} texts, max |Δp| = {delta:E2}");
        Assert.True(delta <= Tolerance, $"max |Δp| = {delta:E2} > {Tolerance:E0}");
        Assert.Contains(expected, p => p < 0.4);
        Assert.Contains(expected, p => p > 0.6);
    }

    [SkippableTheory]
    [MemberData(nameof(Imported))]
    public void Weights_made_in_PyTorch_should_predict_the_same_after_import(string presetName)
    {
        // Given: PyTorch initialises the preset's module with a seed, saves its state_dict and predicts the texts' ids
        var torchVersion = PythonTorch.VersionOrSkip();
        var preset = Presets.Get(presetName);
        var vocabularyPath = _folder.Combine("vocab.json");
        SyntheticData.Vocabulary.Save(vocabularyPath);
        var options = preset.ModelFor(SyntheticData.Vocabulary.Count);
        var configPath = _folder.Combine("config.json");
        PyTorchExporter.WriteConfig(configPath, PyTorchConfig.For(options, preset.Name, new TokenizerInfo(SpacyTokenizer.Version, false), temperature: 1, SentimentLabels.Names));
        var texts = InteropTexts.Create();
        var encoder = new ImdbSentiment.Vocabulary.TextEncoder(SpacyTokenizer.English, SyntheticData.Vocabulary);
        var ids = texts.Select(t => encoder.Encode(t) is { Length: > 0 } x ? x : [0]).ToArray();
        var inputs = WriteIds(ids);
        var stateDict = _folder.Combine("from-python.pt");
        var outputs = _folder.Combine("python.json");
        PythonTorch.RunScript("create", "--config", configPath, "--seed", "7", "--state-dict-out", stateDict, "--inputs", inputs, "--out", outputs);

        // When
        var imported = PyTorchImporter.Import(stateDict, vocabularyPath, preset, _folder.Combine("imported.bundle"));
        using var predictor = SentimentPredictor.Load(imported.BundlePath);

        // Then
        Assert.Equal(ids, InteropTexts.Encode(predictor.Encoder, texts));
        var actual = predictor.PredictBatch(texts).Select(p => p.Probability).ToArray();
        var expected = ReadProbabilities(outputs);
        var delta = MaxDelta(expected, actual);
        output.WriteLine($"{presetName}: torch {torchVersion}, {texts.Count} texts, max |Δp| = {delta:E2}, p in [{actual.Min():F4}, {actual.Max():F4}]");
        Assert.True(delta <= Tolerance, $"max |Δp| = {delta:E2} > {Tolerance:E0}");
        Assert.True(actual.Max() - actual.Min() > 1e-3, "the random model should not predict a constant");
    }

    private string WriteIds(int[][] ids)
    {
        var path = _folder.Combine("ids.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { ids }));
        return path;
    }

    private static double[] ReadProbabilities(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble())];
    }

    private static double MaxDelta(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
    }
}
