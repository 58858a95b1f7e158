using System.Diagnostics;
using ImdbSentiment.Batching;
using ImdbSentiment.Execution;
using TorchSharp;
using static TorchSharp.torch;

namespace ImdbSentiment.Evaluation;

/// <summary>Runs a model over labelled reviews in eval mode without gradients.</summary>
public static class Evaluator
{
    /// <summary>
    /// Evaluation batches hold at most this many padded positions (longest review × reviews), so the longest
    /// reviews come in small batches and memory stays bounded whatever the batch size.
    /// </summary>
    public const int MaxPaddedTokensPerBatch = 65_536;

    /// <summary>Loss, accuracy, precision, recall, F1, ROC-AUC and confusion matrix, plus every review's logits.</summary>
    /// <param name="model">The model; it is put in eval mode.</param>
    /// <param name="examples">The reviews.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per batch (evaluation batches are sorted by length, so bigger is faster).</param>
    /// <param name="progress">Receives (batches done, batch count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="workers">Batches evaluated at once (see <see cref="Scores"/>).</param>
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
        var logits = Scores(model, examples, padIndex, batchSize, progress, cancellationToken, workers);
        logits.Divide(temperature);
        var labels = examples.Select(e => e.ClassIndex).ToArray();
        return (Summarise(examples, logits, logits.MeanLoss(labels), clock.Elapsed.TotalSeconds), logits);
    }

    /// <summary>
    /// Every review's logit, in input order, for a binary model (one output): see <see cref="Scores"/>.
    /// </summary>
    /// <param name="model">The model; it is put in eval mode.</param>
    /// <param name="examples">The reviews; each needs at least one token.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per batch.</param>
    /// <param name="progress">Receives (batches done, batch count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="workers">Batches evaluated at once.</param>
    /// <exception cref="InvalidOperationException">The model has more than one output per review.</exception>
    public static float[] Logits(
        nn.Module<Tensor, Tensor, Tensor> model,
        IReadOnlyList<EncodedReview> examples,
        int padIndex,
        int batchSize = 256,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default,
        int workers = 1)
    {
        var scores = Scores(model, examples, padIndex, batchSize, progress, cancellationToken, workers);
        return scores.Width == 1 ? scores.Values
            : throw new InvalidOperationException($"the model gives {scores.Width} logits per review; one logit per review needs a binary model");
    }

    /// <summary>
    /// Every review's logits, in input order: batches sorted by length (capped by <see cref="MaxPaddedTokensPerBatch"/>),
    /// one dispose scope per batch, eval mode, no autograd. Labels are ignored.
    /// </summary>
    /// <param name="model">The model; it is put in eval mode. Its output is <c>[B]</c> (binary) or <c>[B, N]</c>.</param>
    /// <param name="examples">The reviews; each needs at least one token.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per batch.</param>
    /// <param name="progress">Receives (batches done, batch count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="workers">
    /// Batches evaluated at once. Every batch runs on a worker thread with one libtorch thread
    /// (<see cref="ParallelInference"/>); the logits agree with one worker's to float rounding.
    /// </param>
    public static ClassLogits Scores(
        nn.Module<Tensor, Tensor, Tensor> model,
        IReadOnlyList<EncodedReview> examples,
        int padIndex,
        int batchSize = 256,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default,
        int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var batches = BucketSampler.Sequential(examples.Select(e => e.Length).ToArray(), batchSize, MaxPaddedTokensPerBatch);
        model.eval();
        var done = 0;
        var width = 0;
        float[]? logits = null;
        var gate = new Lock();
        void Run(int i)
        {
            using var scope = NewDisposeScope();
            using var batch = Batch.Collate(examples, batches[i], padIndex);
            using var output = model.call(batch.Tokens, batch.Lengths);
            var columns = output.dim() == 1 ? 1 : (int)output.shape[1];
            var values = output.to_type(ScalarType.Float32).data<float>().ToArray();
            lock (gate)
            {
                if (logits is null)
                {
                    (width, logits) = (columns, new float[examples.Count * columns]);
                }
            }

            for (var b = 0; b < batches[i].Length; b++)
            {
                Array.Copy(values, b * columns, logits!, batches[i][b] * columns, columns);
            }

            progress?.Report((Interlocked.Increment(ref done), batches.Count));
        }

        ParallelInference.Run(batches.Count, workers, Run, cancellationToken);
        return logits is null ? new ClassLogits([], 1) : new ClassLogits(logits, width);
    }

    /// <summary>
    /// The mean binary cross-entropy of <c>sigmoid(logit × logitScale)</c> per review, in float64 and in the numerically
    /// stable form libtorch uses; NaN without reviews. A <paramref name="logitScale"/> of 1 / T scores a temperature T.
    /// </summary>
    /// <param name="logits">One logit per review.</param>
    /// <param name="positive">Each review's true label.</param>
    /// <param name="logitScale">Multiplies every logit first.</param>
    public static double MeanLoss(IReadOnlyList<float> logits, IReadOnlyList<bool> positive, double logitScale = 1)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(positive);
        var sum = 0.0;
        for (var i = 0; i < logits.Count; i++)
        {
            var x = logits[i] * logitScale;
            sum += Math.Max(x, 0) - (positive[i] ? x : 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }

        return logits.Count == 0 ? double.NaN : sum / logits.Count;
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
