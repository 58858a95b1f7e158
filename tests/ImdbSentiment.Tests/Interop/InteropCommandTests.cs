using ImdbSentiment.Inference;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Interop;

/// <summary>The <c>export</c> and <c>import</c> verbs, run as the real CLI.</summary>
[Collection(TorchCollection.Name)]
public sealed class InteropCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Export_then_import_should_write_the_files_and_a_bundle_that_predicts_the_same()
    {
        // Given: a tiny model with the seed-rnn architecture, so that the import can name a real preset
        var options = Presets.SeedRnn.ModelFor(SyntheticData.Vocabulary.Count);
        var bundle = Trainer.Train(SyntheticData.Request(_folder.Combine("run"), epochs: 1, model: options)).ModelPath;
        var stateDict = _folder.Combine("export", "model.pt");

        // When
        var export = CliProcess.Run(["export", "--model", bundle, "--format", "pytorch", "--out", stateDict]);
        var imported = _folder.Combine("imported.bundle");
        var import = CliProcess.Run(["import", "--format", "pytorch", "--state-dict", stateDict, "--vocab", _folder.Combine("export", "model.vocab.json"),
            "--preset", "seed-rnn", "--out", imported]);

        // Then
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains($"state_dict: {stateDict} (7 tensors", export.Stdout);
        Assert.True(File.Exists(_folder.Combine("export", "model.config.json")));
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith($"model: {imported} (seed-rnn: vanilla RNN", import.Stdout);
        var texts = InteropTexts.Create(20);
        using var original = SentimentPredictor.Load(bundle);
        using var roundTripped = SentimentPredictor.Load(imported);
        Assert.Equal(original.PredictBatch(texts).Select(p => p.Probability), roundTripped.PredictBatch(texts).Select(p => p.Probability));
    }

    [Fact]
    public void Export_to_onnx_should_write_the_graph_and_the_vocabulary_and_refuse_an_ensemble()
    {
        var options = Presets.SeedRnn.ModelFor(SyntheticData.Vocabulary.Count);
        var bundle = Trainer.Train(SyntheticData.Request(_folder.Combine("run"), epochs: 1, model: options)).ModelPath;
        var onnx = _folder.Combine("export", "model.onnx");

        var export = CliProcess.Run(["export", "--model", bundle, "--format", "onnx", "--out", onnx]);
        var shipped = CliProcess.Run(["export", "--format", "onnx", "--out", _folder.Combine("ensemble.onnx")]);

        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains($"onnx:       {onnx} (vanilla RNN", export.Stdout, StringComparison.Ordinal);
        Assert.True(new FileInfo(onnx).Length > 1000);
        Assert.True(File.Exists(_folder.Combine("export", "model.vocab.json")));
        Assert.Equal(1, shipped.ExitCode);
        Assert.EndsWith("ONNX export covers the recurrent models (seed-rnn, seed-gru, best and their like); a model of kind Ensemble is not one", shipped.Stderr.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("ensemble.onnx")));
    }

    [Theory]
    [InlineData("export --format tflite --out m.pt", "--format must be pytorch or onnx, not 'tflite'")]
    [InlineData("import --format onnx --out m.bundle", "--format must be pytorch, not 'onnx'")]
    [InlineData("export --format pytorch", "--out FILE is required, e.g. --out model.pt")]
    [InlineData("import --format pytorch --vocab v.json --preset seed-gru --out b", "--state-dict FILE is required")]
    [InlineData("import --format pytorch --state-dict m.pt --vocab v.json --preset nope --out b", "--preset must be one of seed-rnn, seed-gru, best")]
    [InlineData("import --format pytorch --state-dict m.pt --vocab v.json --preset nbsvm --out b", "--preset must be one of seed-rnn, seed-gru, best")]
    public void Usage_errors_should_exit_2_with_one_line(string arguments, string message)
    {
        var result = CliProcess.Run(arguments.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"sentiment: error: {message}", result.Stderr.Trim());
    }

    [Fact]
    public void A_missing_state_dict_should_exit_1_with_one_line()
    {
        var missing = _folder.Combine("missing.pt");

        var result = CliProcess.Run(["import", "--format", "pytorch", "--state-dict", missing, "--vocab", _folder.Combine("v.json"), "--preset", "seed-gru", "--out", _folder.Combine("b")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"sentiment: error: {missing}: no such state_dict file", result.Stderr.Trim());
    }
}
