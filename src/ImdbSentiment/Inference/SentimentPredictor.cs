using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Evaluation;
using ImdbSentiment.Execution;
using ImdbSentiment.Models;
using ImdbSentiment.Persistence;
using ImdbSentiment.Pipeline;
using ImdbSentiment.Text;
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
public sealed class SentimentPredictor : IDisposable
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
        Encoder = new TextEncoder(new SpacyTokenizer(bundle.Manifest.Tokenizer.Options), bundle.Vocabulary);
    }

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

    /// <summary>Scores one text.</summary>
    /// <param name="text">Any text.</param>
    public Prediction Predict(string text) => PredictBatch([text])[0];

    /// <summary>
    /// Scores texts lazily, in input order: reads <paramref name="chunkSize"/> texts at a time, batches them by
    /// length, and yields their results, so memory stays constant however many texts come.
    /// </summary>
    /// <param name="texts">The texts.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    /// <param name="chunkSize">Texts read ahead and sorted by length together.</param>
    public IEnumerable<Prediction> Predict(IEnumerable<string> texts, int batchSize = 64, int chunkSize = 512)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return Stream(texts, batchSize, chunkSize);
    }

    /// <summary>Scores a list of texts, batching them by length.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    public IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var examples = new EncodedReview[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var ids = Encoder.Encode(texts[i] ?? throw new ArgumentException("texts must not contain null", nameof(texts)));
            examples[i] = new EncodedReview(ids.Length == 0 ? [TokenVocabulary.UnknownIndex] : ids, 0);
        }

        ClassLogits logits;
        lock (_gate)
        {
            logits = Evaluator.Scores(_model, examples, _padIndex, batchSize, workers: Execution.BatchWorkers);
        }

        var predictions = new Prediction[texts.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            var probabilities = logits.Probabilities(i, 1 / _temperature);
            var predicted = logits.Predicted(i);
            var binary = logits.Width == 1;
            predictions[i] = new Prediction(texts[i], binary ? probabilities[1] : probabilities[predicted], binary ? (Sentiment)predicted : null,
                examples[i].Length, _classNames[predicted], predicted, probabilities);
        }

        return predictions;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private IEnumerable<Prediction> Stream(IEnumerable<string> texts, int batchSize, int chunkSize)
    {
        foreach (var chunk in texts.Chunk(chunkSize))
        {
            foreach (var prediction in PredictBatch(chunk, batchSize))
            {
                yield return prediction;
            }
        }
    }
}
