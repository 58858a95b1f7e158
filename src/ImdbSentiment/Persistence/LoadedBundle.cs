using ImdbSentiment.Models;
using ImdbSentiment.Vocabulary;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Persistence;

/// <summary>A bundle read and verified from disk; <see cref="CreateModel"/> rebuilds the module and loads its weights.</summary>
public sealed class LoadedBundle
{
    private readonly byte[] _weights;

    internal LoadedBundle(string path, BundleManifest manifest, TokenVocabulary vocabulary, byte[] weights, byte[]? optimizer, byte[]? rng)
    {
        Path = path;
        Manifest = manifest;
        Vocabulary = vocabulary;
        _weights = weights;
        OptimizerState = optimizer;
        TorchRngState = rng;
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }

    /// <summary>The manifest.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The vocabulary.</summary>
    public TokenVocabulary Vocabulary { get; }

    /// <summary>Adam's state (checkpoints only).</summary>
    public byte[]? OptimizerState { get; }

    /// <summary>torch's CPU generator state (checkpoints only).</summary>
    public byte[]? TorchRngState { get; }

    /// <summary>Turns text into this model's token ids: its tokenizer settings and its vocabulary.</summary>
    public TextEncoder CreateEncoder() => new(new Text.SpacyTokenizer(Manifest.Tokenizer.Options), Vocabulary);

    /// <summary>This bundle, when its model scores sentiment: every model does but a pretrained language model.</summary>
    /// <exception cref="BundleFormatException">The bundle holds a language model.</exception>
    public LoadedBundle RequireClassifier() =>
        Manifest.Model.Kind == ModelKind.LanguageModel ? throw BundleFormatException.NotAClassifier(Path) : this;

    /// <summary>Builds the module from the stored options and loads the weights; the caller owns the result.</summary>
    public nn.Module<Tensor, Tensor, Tensor> CreateModel(Precision precision = Precision.Float32)
    {
        var model = ModelFactory.Create(Manifest.Model);
        try
        {
            using var stream = new MemoryStream(_weights, writable: false);
            model.load(stream, strict: true);
            return precision == Precision.BFloat16 ? model.to(ScalarType.BFloat16) : model;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or EndOfStreamException or IOException
                                       or FormatException or OverflowException or System.Runtime.InteropServices.ExternalException)
        {
            model.Dispose();
            throw BundleFormatException.WeightsMismatch(Path, ex.Message.Split('\n', 2)[0], ex);
        }
    }
}
