using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ImdbSentiment.Inference;
using ImdbSentiment.Interop;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Interop;

/// <summary>Export → import in C# alone, and the importer's checks; no Python needed.</summary>
[Collection(TorchCollection.Name)]
public sealed class PyTorchRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _bundle;

    public PyTorchRoundTripTests()
    {
        _bundle = Trainer.Train(SyntheticData.Request(_folder.Combine("run"), epochs: 2)).ModelPath;
    }

    public void Dispose() => _folder.Dispose();

    private static Preset Tiny => new("tiny", "the synthetic test model", SyntheticData.TinyGru with { VocabularySize = 0 }, SyntheticData.Fast());

    [Fact]
    public void Export_then_import_should_give_identical_predictions()
    {
        // Given
        var texts = InteropTexts.Create();
        var export = PyTorchExporter.Export(ModelBundle.Load(_bundle), _folder.Combine("export", "model.pt"));

        // When
        var imported = PyTorchImporter.Import(export.StateDictPath, export.VocabularyPath, Tiny, _folder.Combine("imported.bundle"));

        // Then
        using var original = SentimentPredictor.Load(_bundle);
        using var roundTripped = SentimentPredictor.Load(imported.BundlePath);
        Assert.Equal(original.PredictBatch(texts).Select(p => p.Probability), roundTripped.PredictBatch(texts).Select(p => p.Probability));
        var manifest = roundTripped.Bundle.Manifest;
        Assert.Equal("tiny", manifest.Preset);
        Assert.Equal(SyntheticData.TinyGru, manifest.Model);
        Assert.Empty(manifest.History);
        Assert.Equal(0, manifest.BestEpoch);
        Assert.Equal(new TokenizerInfo(SpacyTokenizer.Version, false), manifest.Tokenizer);
    }

    [Fact]
    public void A_three_class_model_should_round_trip_with_its_labels_and_need_them_to_import()
    {
        // Given: a three-class model, exported
        var request = SyntheticData.Request(_folder.Combine("three"), epochs: 2, model: SyntheticData.TinyGru with { OutputDim = 3 }) with { Data = SyntheticData.ThreeClassData() };
        var bundle = ModelBundle.Load(Trainer.Train(request).ModelPath);
        var export = PyTorchExporter.Export(bundle, _folder.Combine("export3", "model.pt"));
        using (var config = JsonDocument.Parse(File.ReadAllBytes(export.ConfigPath)))
        {
            Assert.Equal(["a", "b", "c"], config.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(3, config.RootElement.GetProperty("output_dim").GetInt32());
        }

        // When it is imported as a binary model, the error says what to pass
        var error = Assert.Throws<InteropException>(() => PyTorchImporter.Import(export.StateDictPath, export.VocabularyPath, Tiny, _folder.Combine("binary.bundle")));
        Assert.Equal($"{export.StateDictPath}: fc has 3 outputs but 1 was expected; pass --labels with the 3 class names in output order", error.Message);

        // And with its labels, it predicts as the original did (before its temperature, which the state_dict does not carry)
        var imported = PyTorchImporter.Import(export.StateDictPath, export.VocabularyPath, Tiny, _folder.Combine("three.bundle"), ["a", "b", "c"]);
        var original = ModelBundle.Load(bundle.Path);
        var uncalibrated = _folder.Combine("uncalibrated.bundle");
        using (var network = original.CreateModel())
        {
            ModelBundle.Save(uncalibrated, original.Manifest with { Temperature = null }, original.Vocabulary, network);
        }

        using var expected = SentimentPredictor.Load(uncalibrated);
        using var actual = SentimentPredictor.Load(imported.BundlePath);
        var texts = InteropTexts.Create();
        Assert.Equal(expected.PredictBatch(texts).SelectMany(p => p.Probabilities), actual.PredictBatch(texts).SelectMany(p => p.Probabilities));
        Assert.Equal(["a", "b", "c"], actual.Bundle.Manifest.ClassNames());
    }

    [Fact]
    public void Export_should_write_the_vocabulary_and_the_architecture_beside_the_state_dict()
    {
        // When
        var export = PyTorchExporter.Export(ModelBundle.Load(_bundle), _folder.Combine("out", "tiny.pt"));

        // Then
        Assert.Equal(_folder.Combine("out", "tiny.vocab.json"), export.VocabularyPath);
        Assert.Equal(_folder.Combine("out", "tiny.config.json"), export.ConfigPath);
        Assert.Equal(SyntheticData.Vocabulary.Tokens, JsonSerializer.Deserialize<string[]>(File.ReadAllBytes(export.VocabularyPath)));
        using var config = JsonDocument.Parse(File.ReadAllBytes(export.ConfigPath));
        var root = config.RootElement;
        Assert.Equal("recurrent", root.GetProperty("model").GetString());
        Assert.Equal("gru", root.GetProperty("cell").GetString());
        Assert.Equal(20, root.GetProperty("vocab_size").GetInt32());
        Assert.Equal(8, root.GetProperty("embedding_dim").GetInt32());
        Assert.Equal(12, root.GetProperty("hidden_dim").GetInt32());
        Assert.Equal(1, root.GetProperty("n_layers").GetInt32());
        Assert.True(root.GetProperty("bidirectional").GetBoolean());
        Assert.Equal(1, root.GetProperty("pad_idx").GetInt32());
        Assert.Equal("final_hidden", root.GetProperty("pooling").GetString());
        Assert.Equal(24, root.GetProperty("fc_inputs").GetInt32());
        Assert.Equal(export.Entries.Select(e => e.Key), root.GetProperty("state_dict").EnumerateArray().Select(e => e.GetProperty("key").GetString()));
    }

    [Fact]
    public void Exported_file_should_be_a_torch_save_zip_with_the_tutorials_keys()
    {
        var export = PyTorchExporter.Export(ModelBundle.Load(_bundle), _folder.Combine("model.pt"));

        var tensors = PyTorchUnpickler.UnpickleStateDict(File.OpenRead(export.StateDictPath));

        Assert.Equal(PyTorchStateDict.Layout(SyntheticData.TinyGru).Select(e => e.Key).Order(), tensors.Keys.Cast<string>().Order());
        foreach (var tensor in tensors.Values.Cast<Tensor>())
        {
            Assert.Equal(ScalarType.Float32, tensor.dtype);
            tensor.Dispose();
        }
    }

    [Fact]
    public void Import_with_the_wrong_preset_should_name_the_first_mismatched_key_and_both_shapes()
    {
        var export = PyTorchExporter.Export(ModelBundle.Load(_bundle), _folder.Combine("model.pt"));

        var error = Assert.Throws<InteropException>(() =>
            PyTorchImporter.Import(export.StateDictPath, export.VocabularyPath, Presets.SeedGru, _folder.Combine("x.bundle")));

        Assert.Equal($"{export.StateDictPath}: embedding.weight has shape [20, 8] but preset seed-gru expects [20, 100]; pick the preset the weights were trained with", error.Message);
        Assert.False(File.Exists(_folder.Combine("x.bundle")));
    }

    [Fact]
    public void Import_with_another_vocabulary_should_say_so()
    {
        var export = PyTorchExporter.Export(ModelBundle.Load(_bundle), _folder.Combine("model.pt"));
        var vocabulary = _folder.Combine("bigger.json");
        File.WriteAllText(vocabulary, JsonSerializer.Serialize(SyntheticData.Vocabulary.Tokens.Append("extra").ToArray()));

        var error = Assert.Throws<InteropException>(() => PyTorchImporter.Import(export.StateDictPath, vocabulary, Tiny, _folder.Combine("x.bundle")));

        Assert.Equal($"{export.StateDictPath}: embedding.weight has 20 rows but {vocabulary} has 21 tokens; pass the vocabulary the weights were trained with", error.Message);
    }

    [Fact]
    public void Import_should_report_a_missing_key_then_an_unexpected_one()
    {
        var export = PyTorchExporter.Export(ModelBundle.Load(_bundle), _folder.Combine("model.pt"));

        var missing = WriteStateDict("missing.pt", export.StateDictPath, drop: "fc.bias");
        var missingError = Assert.Throws<InteropException>(() => PyTorchImporter.Import(missing, export.VocabularyPath, Tiny, _folder.Combine("x.bundle")));
        Assert.Equal($"{missing}: the state_dict lacks fc.bias (preset tiny expects shape [1])", missingError.Message);

        var extra = WriteStateDict("extra.pt", export.StateDictPath, add: "attention.weight");
        var extraError = Assert.Throws<InteropException>(() => PyTorchImporter.Import(extra, export.VocabularyPath, Tiny, _folder.Combine("x.bundle")));
        Assert.Equal($"{extra}: the state_dict has attention.weight [3, 4], which preset tiny has no place for; it was saved from another architecture", extraError.Message);
    }

    [Fact]
    public void Import_should_never_run_code_from_a_malicious_pickle()
    {
        // Given: a torch.save-shaped zip whose data.pkl calls posix.system("touch MARKER")
        var marker = _folder.Combine("pwned");
        var command = Encoding.ASCII.GetBytes($"touch {marker}");
        byte[] pickle = [0x80, 0x02, (byte)'c', .. "posix\nsystem\n"u8, (byte)'X', (byte)command.Length, 0, 0, 0, .. command, 0x85, (byte)'R', (byte)'.'];
        var path = WriteZip("evil.pt", pickle);
        var vocabulary = _folder.Combine("vocab.json");
        SyntheticData.Vocabulary.Save(vocabulary);

        // When
        var error = Assert.Throws<InteropException>(() => PyTorchImporter.Import(path, vocabulary, Tiny, _folder.Combine("x.bundle")));

        // Then
        Assert.StartsWith($"{path}: not a PyTorch state_dict written by torch.save (", error.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Import_should_reject_a_dictionary_of_non_tensors_and_a_file_that_is_not_a_zip()
    {
        var vocabulary = _folder.Combine("vocab.json");
        SyntheticData.Vocabulary.Save(vocabulary);
        byte[] pickle = [0x80, 0x02, (byte)'}', (byte)'X', 1, 0, 0, 0, (byte)'a', (byte)'X', 1, 0, 0, 0, (byte)'b', (byte)'s', (byte)'.'];
        var strings = WriteZip("strings.pt", pickle);
        var text = _folder.Combine("text.pt");
        File.WriteAllText(text, "this is not a zip archive at all");

        var stringsError = Assert.Throws<InteropException>(() => PyTorchImporter.Import(strings, vocabulary, Tiny, _folder.Combine("x.bundle")));
        var textError = Assert.Throws<InteropException>(() => PyTorchImporter.Import(text, vocabulary, Tiny, _folder.Combine("x.bundle")));

        Assert.Equal($"{strings}: not a PyTorch state_dict written by torch.save (entry a is a String, not a tensor); save it with torch.save(model.state_dict(), PATH)", stringsError.Message);
        Assert.StartsWith($"{text}: not a PyTorch state_dict written by torch.save (", textError.Message);
        Assert.DoesNotContain('\n', textError.Message);
    }

    [Fact]
    public void Import_of_missing_files_should_name_them()
    {
        var error = Assert.Throws<InteropException>(() => PyTorchImporter.Import(_folder.Combine("none.pt"), _folder.Combine("none.json"), Tiny, _folder.Combine("x.bundle")));

        Assert.Equal($"{_folder.Combine("none.pt")}: no such state_dict file", error.Message);
    }

    private string WriteStateDict(string name, string source, string? drop = null, string? add = null)
    {
        var tensors = PyTorchUnpickler.UnpickleStateDict(File.OpenRead(source));
        var dictionary = tensors.Keys.Cast<string>().Where(k => k != drop).ToDictionary(k => k, k => (Tensor)tensors[k]!);
        if (add is not null)
        {
            dictionary[add] = zeros(3, 4);
        }

        var path = _folder.Combine(name);
        using (var stream = File.Create(path))
        {
            PyTorchPickler.PickleStateDict(stream, dictionary);
        }

        foreach (var tensor in tensors.Values.Cast<Tensor>().Concat(dictionary.Values))
        {
            tensor.Dispose();
        }

        return path;
    }

    private string WriteZip(string name, byte[] pickle)
    {
        var path = _folder.Combine(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var entry = zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open())
        {
            entry.Write(pickle);
        }

        using (var version = zip.CreateEntry("archive/version", CompressionLevel.NoCompression).Open())
        {
            version.Write("3\n"u8);
        }

        return path;
    }
}
