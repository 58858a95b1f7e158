using System.Text.Json;
using ImdbSentiment.Interop.Internal;
using ImdbSentiment.Persistence;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ImdbSentiment.Interop;

/// <summary>
/// Writes a model bundle's weights as a PyTorch <c>state_dict</c> (the zip format of <c>torch.save</c>, via
/// TorchSharp.PyBridge), with the tutorial's keys (<see cref="PyTorchStateDict.Layout"/>), so that
/// <c>model.load_state_dict(torch.load(path))</c> works on a module with the tutorial's attribute names. Beside it go the
/// vocabulary and the architecture: exporting to <c>dir/model.pt</c> writes <c>dir/model.pt</c>,
/// <c>dir/model.vocab.json</c> and <c>dir/model.config.json</c>. Every file is written atomically.
/// </summary>
public static class PyTorchExporter
{
    /// <summary>The suffix that replaces the state_dict's extension for the vocabulary file.</summary>
    public const string VocabularySuffix = ".vocab.json";

    /// <summary>The suffix that replaces the state_dict's extension for the architecture file.</summary>
    public const string ConfigSuffix = ".config.json";

    /// <summary>Exports a bundle.</summary>
    /// <param name="bundle">The bundle to export.</param>
    /// <param name="stateDictPath">Where to write the state_dict, e.g. <c>model.pt</c>; the other files go beside it.</param>
    /// <returns>The files written.</returns>
    public static PyTorchExport Export(LoadedBundle bundle, string stateDictPath)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDictPath);
        var (vocabularyPath, configPath) = SiblingPaths(stateDictPath);
        var options = bundle.Manifest.Model;
        var layout = PyTorchStateDict.Layout(options);
        using (var model = bundle.CreateModel())
        using (var scope = NewDisposeScope())
        {
            var stateDict = model.state_dict();
            if (stateDict.Count != layout.Count)
            {
                throw new InvalidOperationException(
                    $"the module has {stateDict.Count} tensors but the PyTorch layout {layout.Count}: {string.Join(", ", stateDict.Keys)}");
            }

            // Detached, contiguous copies in PyTorch's order: the pickler writes raw storage, and PyTorch's keys are ours.
            var ordered = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var entry in layout)
            {
                if (!stateDict.TryGetValue(entry.Key, out var tensor) || !tensor.shape.SequenceEqual(entry.Shape))
                {
                    throw new InvalidOperationException($"the module's state_dict does not match the PyTorch layout at {entry}");
                }

                ordered[entry.Key] = tensor.detach().contiguous().clone();
            }

            AtomicFile.Write(stateDictPath, stream => PyTorchPickler.PickleStateDict(stream, ordered, leaveOpen: true));
        }

        bundle.Vocabulary.Save(vocabularyPath);
        WriteConfig(configPath, PyTorchConfig.For(options, bundle.Manifest.Preset, bundle.Manifest.Tokenizer, bundle.Manifest.Temperature ?? 1, bundle.Manifest.ClassNames()));
        return new PyTorchExport(stateDictPath, vocabularyPath, configPath, layout);
    }

    /// <summary>The vocabulary and architecture files that go beside <paramref name="stateDictPath"/>.</summary>
    /// <param name="stateDictPath">The state_dict path, e.g. <c>out/model.pt</c>.</param>
    /// <returns>E.g. <c>out/model.vocab.json</c> and <c>out/model.config.json</c>.</returns>
    public static (string VocabularyPath, string ConfigPath) SiblingPaths(string stateDictPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDictPath);
        var directory = Path.GetDirectoryName(stateDictPath) ?? string.Empty;
        var stem = Path.GetFileNameWithoutExtension(stateDictPath);
        return (Path.Combine(directory, stem + VocabularySuffix), Path.Combine(directory, stem + ConfigSuffix));
    }

    internal static void WriteConfig(string path, PyTorchConfig config) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, config, InteropJson.Default.PyTorchConfig));
}
