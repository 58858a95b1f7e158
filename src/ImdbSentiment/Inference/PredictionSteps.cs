using ImdbSentiment.Batching;
using ImdbSentiment.Data;
using ImdbSentiment.Vocabulary;

namespace ImdbSentiment.Inference;

/// <summary>The steps every engine shares around its forward passes, so that both read and answer texts alike.</summary>
internal static class PredictionSteps
{
    /// <summary>Each text's ids as the model reads them (<see cref="TextEncoder.EncodeForModel"/>).</summary>
    public static EncodedReview[] Encode(TextEncoder encoder, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var examples = new EncodedReview[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            examples[i] = new EncodedReview(encoder.EncodeForModel(texts[i] ?? throw new ArgumentException("texts must not contain null", nameof(texts))), 0);
        }

        return examples;
    }

    /// <summary>Logits → decisions and float64 probabilities, the temperature applied.</summary>
    public static Prediction[] Answer(IReadOnlyList<string> texts, EncodedReview[] examples, ClassLogits logits, double temperature, IReadOnlyList<string> classNames)
    {
        var predictions = new Prediction[texts.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            var probabilities = logits.Probabilities(i, 1 / temperature);
            var predicted = logits.Predicted(i);
            var binary = logits.Width == 1;
            predictions[i] = new Prediction(texts[i], binary ? probabilities[1] : probabilities[predicted], binary ? (Sentiment)predicted : null,
                examples[i].Length, classNames[predicted], predicted, probabilities);
        }

        return predictions;
    }

    /// <summary>Checks <see cref="ISentimentPredictor.Predict(IEnumerable{string}, int, int)"/>'s arguments, then streams.</summary>
    public static IEnumerable<Prediction> Stream(ISentimentPredictor predictor, IEnumerable<string> texts, int batchSize, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return Chunks(predictor, texts, batchSize, chunkSize);

        static IEnumerable<Prediction> Chunks(ISentimentPredictor predictor, IEnumerable<string> texts, int batchSize, int chunkSize)
        {
            foreach (var chunk in texts.Chunk(chunkSize))
            {
                foreach (var prediction in predictor.PredictBatch(chunk, batchSize))
                {
                    yield return prediction;
                }
            }
        }
    }
}
