using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// The tiny trained models the export tests (PyTorch and ONNX) take out of the toolkit, by name. A three-class model
/// learns <see cref="SyntheticData.ThreeClassData"/>; a name ending in <c>-calibrated</c> gets a temperature, as a
/// bundle `train` calibrated has, so the export must divide by it as the toolkit does.
/// </summary>
public static class InteropModels
{
    private const string Calibrated = "-calibrated";

    /// <summary>The architecture a name stands for.</summary>
    public static ModelOptions Architecture(string name) => (name.EndsWith(Calibrated, StringComparison.Ordinal) ? name[..^Calibrated.Length] : name) switch
    {
        "vanilla-rnn" => new ModelOptions(ModelKind.VanillaRnn, SyntheticData.Vocabulary.Count, EmbeddingDim: 8, HiddenDim: 12),
        "bi-gru-2-layers" => SyntheticData.TinyGru with { Layers = 2 },
        "bi-gru-3-classes" => SyntheticData.TinyGru with { OutputDim = 3 },
        "bi-lstm-max-mean" => SyntheticData.TinyGru with { Cell = RecurrentCell.Lstm, Pooling = Pooling.MaxMean, EmbeddingDropout = 0.2 },
        "rnn-cell-max-mean" => SyntheticData.TinyGru with { Cell = RecurrentCell.Rnn, Pooling = Pooling.MaxMean, Bidirectional = false },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Trains the named model for two epochs in <paramref name="runFolder"/> and returns its bundle's path.</summary>
    public static string Train(string name, string runFolder)
    {
        var model = Architecture(name);
        var request = SyntheticData.Request(runFolder, epochs: 2, model: model);
        var bundlePath = Trainer.Train(model.OutputDim == 1 ? request : request with { Data = SyntheticData.ThreeClassData() }).ModelPath;
        if (name.EndsWith(Calibrated, StringComparison.Ordinal))
        {
            var trained = ModelBundle.Load(bundlePath);
            using var network = trained.CreateModel();
            ModelBundle.Save(bundlePath, trained.Manifest with { Temperature = 1.5 }, trained.Vocabulary, network);
        }

        return bundlePath;
    }
}
