using ImdbSentiment.Persistence;
using ImdbSentiment.Text;
using ImdbSentiment.Training;
using ImdbSentiment.Vocabulary;
using TorchSharp;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>
/// The model bundle a latency benchmark scores with: <c>--model PATH</c> if given; otherwise an untrained model of
/// <c>--preset</c> (default seed-gru) with the real vocabulary (when --data is given) or a synthetic one of
/// <c>--vocab</c> entries (default 25,000), written to a temporary file. Untrained weights cost exactly as much
/// compute as trained ones; the source is reported so that no one mistakes the outputs for real predictions.
/// </summary>
internal sealed class BenchModel : IDisposable
{
    private readonly string? _temporaryFolder;
    private string? _exportFolder;

    private BenchModel(string path, string source, string? temporaryFolder)
    {
        Path = path;
        Source = source;
        _temporaryFolder = temporaryFolder;
    }

    public string Path { get; }

    public string Source { get; }

    public static BenchModel Resolve(MacroOptions options, TokenVocabulary? realVocabulary = null)
    {
        if (options.String("model") is { } model)
        {
            return File.Exists(model)
                ? new BenchModel(model, $"bundle {model}", null)
                : throw new FileNotFoundException($"--model {model} does not exist", model);
        }

        var preset = Presets.Get(options.String("preset", "seed-gru"));
        TokenVocabulary vocabulary;
        string source;
        if (realVocabulary is not null || options.HasData)
        {
            vocabulary = realVocabulary ?? BenchCorpus.Prepare(options.DataPath!, null).Prepared.Vocabulary;
            source = $"untrained {preset.Name}, real vocabulary ({vocabulary.Count} entries)";
        }
        else
        {
            var size = options.Int("vocab", 25_000);
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var token in SpacyTokenizer.English.TokenizeToStrings(Reviews.Short))
            {
                frequencies[token] = 1_000;
            }

            for (var i = 0; frequencies.Count < size - 2; i++)
            {
                frequencies[$"w{i}"] = 10;
            }

            vocabulary = TokenVocabulary.Build(frequencies, minFrequency: 1);
            source = $"untrained {preset.Name}, synthetic vocabulary ({vocabulary.Count} entries)";
        }

        var folder = Directory.CreateTempSubdirectory("imdb-bench-").FullName;
        var path = System.IO.Path.Combine(folder, "model.bundle");
        var modelOptions = preset.ModelFor(vocabulary.Count);
        torch.manual_seed(1234);
        using (var module = Models.ModelFactory.Create(modelOptions))
        {
            var manifest = BundleManifest.Begin(preset.Name, modelOptions, preset.Training, new TokenizerInfo(SpacyTokenizer.Version, false), vocabulary.Count, data: null);
            ModelBundle.Save(path, manifest, vocabulary, module);
        }

        return new BenchModel(path, source, folder);
    }

    /// <summary>
    /// The file to run on <c>--engine</c> (default libtorch): the bundle itself, or for <c>onnx</c> the model exported
    /// to ONNX beside a temporary copy (a <c>.onnx</c> given as --model is used as it is).
    /// </summary>
    public string PathFor(MacroOptions options)
    {
        var engine = Engine(options);
        if (engine != "onnx" || Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            return Path;
        }

        _exportFolder ??= Directory.CreateTempSubdirectory("imdb-bench-onnx-").FullName;
        return Interop.OnnxExporter.Export(ModelBundle.Load(Path), System.IO.Path.Combine(_exportFolder, "model.onnx")).ModelPath;
    }

    /// <summary><c>--engine</c>: libtorch (default) or onnx.</summary>
    public static string Engine(MacroOptions options) => options.String("engine", "libtorch") switch
    {
        "libtorch" => "libtorch",
        "onnx" => "onnx",
        var other => throw new ArgumentException($"--engine {other}: libtorch or onnx"),
    };

    /// <summary>A predictor of this model on <c>--engine</c>.</summary>
    public Inference.ISentimentPredictor OpenPredictor(MacroOptions options) => Engine(options) == "onnx"
        ? Inference.OnnxPredictor.Load(PathFor(options), options.Threads)
        : Inference.SentimentPredictor.Load(Path, options.Precision(), options.Execution());

    public void Dispose()
    {
        if (_exportFolder is not null && Directory.Exists(_exportFolder))
        {
            Directory.Delete(_exportFolder, recursive: true);
        }

        if (_temporaryFolder is not null && Directory.Exists(_temporaryFolder))
        {
            Directory.Delete(_temporaryFolder, recursive: true);
        }
    }
}
