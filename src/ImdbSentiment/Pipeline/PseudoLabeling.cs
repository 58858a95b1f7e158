using ImdbSentiment.Batching;
using ImdbSentiment.Datasets;
using ImdbSentiment.Execution;
using ImdbSentiment.Inference;
using ImdbSentiment.Persistence;

namespace ImdbSentiment.Pipeline;

/// <summary>
/// Self-training's first step: a trained binary classifier (the teacher) labels unlabeled texts, and the texts it is
/// confident about become training rows for another model. A student trained on the labeled reviews plus these reads
/// words the labeled reviews never used (other movies' names and vocabulary), which a validation split drawn from
/// the training reviews' movies cannot reward but a test set of other movies does.
/// </summary>
public static class PseudoLabeling
{
    private const int ChunkSize = 2048;

    /// <summary>
    /// Scores <paramref name="texts"/> with the teacher (its own vocabulary, tokenizer and temperature) and keeps those
    /// whose probability of either class is at least <paramref name="confidence"/>.
    /// </summary>
    /// <param name="teacher">A binary classifier's bundle (an ensemble counts).</param>
    /// <param name="texts">The unlabeled texts; none may be a test review's.</param>
    /// <param name="confidence">The probability the teacher must give the class, in (0.5, 1).</param>
    /// <param name="locations">Names the kept rows: a text's index gives its <see cref="LabeledText.Location"/>.</param>
    /// <param name="execution">How the teacher runs (recurrence routes, batches at once); null is <see cref="ExecutionOptions.Default"/> with one worker.</param>
    /// <param name="progress">Receives (texts scored, text count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">The teacher is not a binary classifier, or the confidence is out of range.</exception>
    public static PseudoLabels Label(LoadedBundle teacher, IReadOnlyList<string> texts, double confidence, Func<int, string> locations,
        ExecutionOptions? execution = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(locations);
        if (!(confidence > 0.5 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "must be above 0.5 and below 1");
        }

        var manifest = teacher.RequireClassifier().Manifest;
        var classes = manifest.ClassNames();
        if (classes.Count != 2)
        {
            throw new ArgumentException($"{teacher.Path} tells {classes.Count} classes apart; a teacher must be a binary classifier", nameof(teacher));
        }

        var encoder = teacher.CreateEncoder();
        var encoded = new EncodedReview[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => encoded[i] = new EncodedReview(encoder.EncodeForModel(texts[i]), 0));

        // Scored in chunks of the texts' own order, each a fair sample of their lengths, so progress counts texts evenly
        // (one call would score the longest first, and its progress would run slow, then fast).
        var logits = new float[encoded.Length];
        execution ??= ExecutionOptions.Default with { Workers = 1 };
        using (var model = teacher.CreateModel())
        {
            ExecutionPlan.ForInference(model, execution);
            for (var start = 0; start < encoded.Length; start += ChunkSize)
            {
                var chunk = encoded[start..Math.Min(encoded.Length, start + ChunkSize)];
                BatchScorer.Logits(model, chunk, manifest.Model.PadIndex, manifest.Training.EvaluationBatchSize, cancellationToken: cancellationToken, workers: execution.BatchWorkers)
                    .CopyTo(logits, start);
                progress?.Report((start + chunk.Length, encoded.Length));
            }
        }

        // Compared in logit space: p ≥ c exactly when logit / T ≥ log(c / (1 − c)).
        var margin = Math.Log(confidence / (1 - confidence));
        var temperature = manifest.Temperature ?? 1;
        var rows = new List<LabeledText>();
        var positive = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var scaled = logits[i] / temperature;
            if (Math.Abs(scaled) < margin)
            {
                continue;
            }

            positive += scaled > 0 ? 1 : 0;
            rows.Add(new LabeledText(texts[i], classes[scaled > 0 ? 1 : 0], locations(i)));
        }

        return new PseudoLabels(rows.AsReadOnly(), texts.Count, positive);
    }
}
