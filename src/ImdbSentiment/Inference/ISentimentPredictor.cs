namespace ImdbSentiment.Inference;

/// <summary>
/// Scores texts with a trained model, whatever runs it: <see cref="SentimentPredictor"/> (libtorch, a model bundle) or
/// <see cref="OnnxPredictor"/> (ONNX Runtime, an exported <c>model.onnx</c>). Both tokenize as the model was trained,
/// score a text with no tokens as one unknown token, and return the same <see cref="Prediction"/>s. Safe to share
/// between threads.
/// </summary>
public interface ISentimentPredictor : IDisposable
{
    /// <summary>What the model is and which engine runs it.</summary>
    ModelDescription Model { get; }

    /// <summary>Scores a list of texts, batching them by length.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    IReadOnlyList<Prediction> PredictBatch(IReadOnlyList<string> texts, int batchSize = 64);

    /// <summary>Scores one text.</summary>
    /// <param name="text">Any text.</param>
    Prediction Predict(string text);

    /// <summary>
    /// Scores texts lazily, in input order: reads <paramref name="chunkSize"/> texts at a time, batches them by
    /// length, and yields their results, so memory stays constant however many texts come.
    /// </summary>
    /// <param name="texts">The texts.</param>
    /// <param name="batchSize">Texts per forward pass.</param>
    /// <param name="chunkSize">Texts read ahead and sorted by length together.</param>
    IEnumerable<Prediction> Predict(IEnumerable<string> texts, int batchSize = 64, int chunkSize = 512);
}
