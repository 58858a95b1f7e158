using System.Diagnostics;
using ImdbSentiment.Batching;
using ImdbSentiment.Inference;
using static TorchSharp.torch;

namespace ImdbSentiment.Evaluation;

/// <summary>Runs a model over labelled reviews in eval mode without gradients.</summary>
public static class Evaluator
{
    /// <summary>Loss, accuracy, precision, recall, F1, ROC-AUC and confusion matrix, plus every review's logits.</summary>
    /// <param name="model">The model; it is put in eval mode.</param>
    /// <param name="examples">The reviews.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per batch (evaluation batches are sorted by length, so bigger is faster).</param>
    /// <param name="progress">Receives (batches done, batch count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="workers">Batches evaluated at once (see <see cref="BatchScorer.Scores"/>).</param>
    /// <param name="temperature">Divides the logits before the metrics (a bundle's <c>Temperature</c>); the logits returned are divided too.</param>
    /// <returns>The report, and the reviews' logits (one per review for a binary model, one per class per review otherwise).</returns>
    public static (EvaluationReport Report, ClassLogits Logits) Evaluate(
        nn.Module<Tensor, Tensor, Tensor> model,
        IReadOnlyList<EncodedReview> examples,
        int padIndex,
        int batchSize = 256,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default,
        int workers = 1,
        double temperature = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var clock = Stopwatch.StartNew();
        var logits = BatchScorer.Scores(model, examples, padIndex, batchSize, progress, cancellationToken, workers);
        logits.Divide(temperature);
        var labels = examples.Select(e => e.ClassIndex).ToArray();
        return (Summarise(examples, logits, logits.MeanLoss(labels), clock.Elapsed.TotalSeconds), logits);
    }

    /// <summary>The report for logits already computed by a binary model.</summary>
    /// <param name="examples">The reviews, with their labels.</param>
    /// <param name="logits">One logit per review, in the same order.</param>
    /// <param name="loss">The mean loss.</param>
    /// <param name="seconds">The time taken.</param>
    public static EvaluationReport Summarise(IReadOnlyList<EncodedReview> examples, float[] logits, double loss, double seconds) =>
        Summarise(examples, new ClassLogits(logits, 1), loss, seconds);

    /// <summary>The report for logits already computed, binary or multi-class.</summary>
    /// <param name="examples">The reviews, with their labels.</param>
    /// <param name="logits">The reviews' logits, in the same order.</param>
    /// <param name="loss">The mean loss.</param>
    /// <param name="seconds">The time taken.</param>
    public static EvaluationReport Summarise(IReadOnlyList<EncodedReview> examples, ClassLogits logits, double loss, double seconds)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(logits);
        var labels = examples.Select(e => e.ClassIndex).ToArray();
        var calibrationError = Calibration.ExpectedError(Calibration.Bins(logits, labels));
        if (logits.Width > 1)
        {
            var classes = ClassConfusion.Of(logits, labels);
            return new EvaluationReport(examples.Count, loss, classes.Accuracy(), classes.MacroPrecision(), classes.MacroRecall(), classes.MacroF1(),
                double.NaN, null, seconds, calibrationError, classes);
        }

        var counts = ClassConfusion.Of(logits, labels).Counts;
        var confusion = new ConfusionMatrix(TruePositives: counts[1][1], FalsePositives: counts[0][1], TrueNegatives: counts[0][0], FalseNegatives: counts[1][0]);
        return new EvaluationReport(examples.Count, loss, confusion.Accuracy, confusion.Precision, confusion.Recall, confusion.F1,
            RocCurve.Auc(logits.Values, [.. labels.Select(l => l == 1)]), confusion, seconds, calibrationError);
    }
}
