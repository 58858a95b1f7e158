using ImdbSentiment.Interop.Internal;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using ImdbSentiment.Vocabulary;
using static TorchSharp.torch;

namespace ImdbSentiment.Interop;

/// <summary>
/// Builds a model bundle from PyTorch weights: a <c>state_dict</c> saved with <c>torch.save(model.state_dict(), path)</c>
/// from a module with the tutorial's attribute names, and the vocabulary as a JSON array of tokens in id order. The
/// architecture is the preset's, with the vocabulary's size; every key and shape is checked against it
/// (<see cref="PyTorchStateDict.Layout"/>) before anything is written. The file is read by TorchSharp.PyBridge's
/// unpickler, which builds tensors and inert dictionaries only: no code in the file runs.
/// </summary>
public static class PyTorchImporter
{
    /// <summary>Imports PyTorch weights into a new bundle.</summary>
    /// <param name="stateDictPath">The <c>state_dict</c> file (<c>torch.save</c>'s zip format).</param>
    /// <param name="vocabularyPath">The vocabulary: a JSON array of tokens, starting with <c>&lt;unk&gt;</c>, <c>&lt;PAD&gt;</c>.</param>
    /// <param name="preset">The preset whose architecture and training options the bundle records.</param>
    /// <param name="bundlePath">The bundle to write (atomically).</param>
    /// <param name="labels">The class names in output order; null for a binary sentiment model (<c>neg</c>, <c>pos</c>, one logit).</param>
    /// <returns>What was written.</returns>
    /// <exception cref="InteropException">A file is missing, is not a state_dict, or its keys or shapes do not fit the preset.</exception>
    /// <exception cref="VocabularyException">The vocabulary file is not a valid vocabulary.</exception>
    public static PyTorchImport Import(string stateDictPath, string vocabularyPath, Preset preset, string bundlePath, IReadOnlyList<string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDictPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabularyPath);
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        if (!File.Exists(stateDictPath))
        {
            throw InteropException.NotFound(stateDictPath, "state_dict file");
        }

        if (!File.Exists(vocabularyPath))
        {
            throw InteropException.NotFound(vocabularyPath, "vocabulary file");
        }

        var vocabulary = TokenVocabulary.Load(vocabularyPath);
        if (labels is { Count: < 2 } || (labels is not null && labels.Distinct(StringComparer.Ordinal).Count() != labels.Count))
        {
            throw new ArgumentException("labels must name at least two distinct classes", nameof(labels));
        }

        var options = preset.ModelFor(vocabulary.Count, labels?.Count ?? 2);
        var layout = PyTorchStateDict.Layout(options);
        var tensors = StateDictReader.Read(stateDictPath);
        try
        {
            Check(stateDictPath, vocabularyPath, vocabulary.Count, preset.Name, layout, tensors);
            using var model = ModelFactory.Create(options);
            using (no_grad())
            using (var scope = NewDisposeScope())
            {
                var converted = tensors.ToDictionary(t => t.Key, t => t.Value.to_type(ScalarType.Float32), StringComparer.Ordinal);
                var (missing, unexpected) = model.load_state_dict(converted, strict: true);
                if (missing.Count > 0 || unexpected.Count > 0)
                {
                    throw new InvalidOperationException($"load_state_dict disagrees with the checked layout: missing {string.Join(", ", missing)}, unexpected {string.Join(", ", unexpected)}");
                }
            }

            var manifest = BundleManifest.Begin(preset.Name, options, preset.Training, new TokenizerInfo(SpacyTokenizer.Version, false), vocabulary.Count,
                labels is null ? null : new DataInfo(null, 0, 0, Path.GetFullPath(stateDictPath), Labels: labels));
            ModelBundle.Save(bundlePath, manifest, vocabulary, model);
            return new PyTorchImport(bundlePath, preset.Name, options, layout);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Throws for the first key, in PyTorch's order, that is missing or of another shape, then for the first extra key.</summary>
    private static void Check(string path, string vocabularyPath, int vocabularySize, string preset,
        IReadOnlyList<StateDictEntry> layout, Dictionary<string, Tensor> tensors)
    {
        foreach (var expected in layout)
        {
            if (!tensors.TryGetValue(expected.Key, out var tensor))
            {
                throw InteropException.MissingKey(path, expected.Key, expected.Shape, preset);
            }

            var shape = tensor.shape;
            if (expected.Key == "embedding.weight" && shape.Length == 2 && shape[0] != vocabularySize && shape[1] == expected.Shape[1])
            {
                throw InteropException.VocabularyMismatch(path, vocabularyPath, shape[0], vocabularySize);
            }

            if (expected.Key is "fc.weight" or "fc.bias" && shape.Length == expected.Shape.Count && shape[0] != expected.Shape[0])
            {
                throw InteropException.OutputMismatch(path, shape[0], (int)expected.Shape[0]);
            }

            if (!shape.SequenceEqual(expected.Shape))
            {
                throw InteropException.ShapeMismatch(path, expected.Key, shape, expected.Shape, preset);
            }

            if (!tensor.is_floating_point())
            {
                throw InteropException.NotFloatingPoint(path, expected.Key, tensor.dtype.ToString());
            }
        }

        var known = layout.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        if (tensors.Where(t => !known.Contains(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault() is { Key: not null } extra)
        {
            throw InteropException.UnexpectedKey(path, extra.Key, extra.Value.shape, preset);
        }
    }
}
