using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Vocabulary;
using static TorchSharp.torch;

namespace ImdbSentiment.Inference;

/// <summary>
/// Scores texts with a trained model: tokenizes as the model was trained, runs it in eval mode without gradients,
/// and returns probabilities (every class's, for a model of more than two). A text with no tokens at all (the empty string) is scored as a single unknown token;
/// whitespace-only texts are scored on their whitespace tokens, as spaCy produces them. Texts of any length are
/// read whole. Safe to share between threads (forward passes take turns). Forward passes run on the execution layer's
/// worker threads (<see cref="ExecutionOptions"/>), never on the caller's.
/// </summary>
public sealed class SentimentPredictor : ISentimentPredictor
{
    private readonly nn.Module<Tensor, Tensor, Tensor> _model;
    private readonly Lock _gate = new();
    private readonly int _padIndex;
    private readonly double _temperature;
    private readonly IReadOnlyList<string> _classNames;

    /// <summary>Creates a predictor from a loaded bundle.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="precision">The number format to compute in.</param>
    /// <param name="execution">Worker threads and routes; null is <see cref="ExecutionOptions.Default"/>.</param>
    public SentimentPredictor(LoadedBundle bundle, Precision precision = Precision.Float32, ExecutionOptions? execution = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Bundle = bundle.RequireClassifier();
        Precision = precision;
        Execution = execution ?? ExecutionOptions.Default;
        _model = bundle.CreateModel(precision);
        _model.eval();
        ExecutionPlan.ForInference(_model, Execution);
        _padIndex = bundle.Manifest.Model.PadIndex;
        _temperature = bundle.Manifest.Temperature ?? 1;
        _classNames = bundle.Manifest.ClassNames();
        Encoder = bundle.CreateEncoder();
        var manifest = bundle.Manifest;
        Model = new ModelDescription(ModelDescription.LibTorch, manifest.Preset, manifest.Model.Describe(), manifest.VocabularySize, _classNames,
            manifest.BestEpoch, manifest.CreatedUtc);
    }

    /// <inheritdoc />
    public ModelDescription Model { get; }

    /// <summary>The number format the model computes in.</summary>
    public Precision Precision { get; }

    /// <summary>How forward passes run.</summary>
    public ExecutionOptions Execution { get; }

    /// <summary>The bundle the model came from.</summary>
    public LoadedBundle Bundle { get; }

    /// <summary>The text encoder (tokenizer and vocabulary) the model was trained with.</summary>
    public TextEncoder Encoder { get; }

    /// <summary>Loads a bundle and creates a predictor.</summary>
    /// <param name="path">The model bundle.</param>
    /// <param name="precision">The number format to compute in.</param>
    /// <param name="execution">Worker threads and routes; null is <see cref="ExecutionOptions.Default"/>.</param>
    public static SentimentPredictor Load(string path, Precision precision = Precision.Float32, ExecutionOptions? execution = null) =>
        new(ModelBundle.Load(path), precision, execution);

    /// <inheritdoc />
    public Prediction Predict(string text) => PredictBatch([text])[0];

    /// <inheritdoc />
    public IEnumerable<Prediction> Predict(IEnumerable<string> texts, int batchSize = 64, int chunkSize = 512) =>
        PredictionSteps.Stream(this, texts, batchSize, chunkSize);

    /// <inheritdoc />
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, int batchSize = 64)
    {
        var examples = PredictionSteps.Encode(Encoder, texts);
        ClassLogits logits;
        lock (_gate)
        {
            logits = BatchScorer.Scores(_model, examples, _padIndex, batchSize, workers: Execution.BatchWorkers);
        }

        return PredictionSteps.Answer(texts, examples, logits, _temperature, _classNames);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
