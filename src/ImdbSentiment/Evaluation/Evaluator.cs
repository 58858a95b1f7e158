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

    /// <summary>Loss, accuracy, precision, recall, F1, ROC-AUC and confusion matrix, plus every review's logit.</summary>
    /// <param name="model">The model; it is put in eval mode.</param>
    /// <param name="examples">The reviews.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per batch (evaluation batches are sorted by length, so bigger is faster).</param>
    /// <param name="progress">Receives (batches done, batch count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="workers">Batches evaluated at once (see <see cref="Logits"/>).</param>
    /// <param name="temperature">Divides the logits before the metrics (a bundle's <c>Temperature</c>); the logits returned are divided too.</param>
    public static (EvaluationReport Report, float[] Logits) Evaluate(
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
        var logits = Logits(model, examples, padIndex, batchSize, progress, cancellationToken, workers);
        TemperatureScaling.Apply(logits, temperature);
        var loss = MeanLoss(logits, [.. examples.Select(e => e.IsPositive)]);
        return (Summarise(examples, logits, loss, clock.Elapsed.TotalSeconds), logits);
    }

    /// <summary>
    /// Every review's logit, in input order: batches sorted by length (capped by <see cref="MaxPaddedTokensPerBatch"/>),
    /// one dispose scope per batch, eval mode, no autograd. Labels are ignored.
    /// </summary>
    /// <param name="model">The model; it is put in eval mode.</param>
    /// <param name="examples">The reviews; each needs at least one token.</param>
    /// <param name="padIndex">The pad id.</param>
    /// <param name="batchSize">Reviews per batch.</param>
    /// <param name="progress">Receives (batches done, batch count).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <param name="workers">
    /// Batches evaluated at once. Every batch runs on a worker thread with one libtorch thread
    /// (<see cref="ParallelInference"/>); the logits agree with one worker's to float rounding.
    /// </param>
    public static float[] Logits(
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
        var logits = new float[examples.Count];
        var batches = BucketSampler.Sequential(examples.Select(e => e.Length).ToArray(), batchSize, MaxPaddedTokensPerBatch);
        model.eval();
        var done = 0;
        void Run(int i)
        {
            using var scope = NewDisposeScope();
            using var batch = Batch.Collate(examples, batches[i], padIndex);
            var values = model.call(batch.Tokens, batch.Lengths).to_type(ScalarType.Float32).data<float>().ToArray();
            for (var b = 0; b < values.Length; b++)
            {
                logits[batches[i][b]] = values[b];
            }

            progress?.Report((Interlocked.Increment(ref done), batches.Count));
        }

        ParallelInference.Run(batches.Count, workers, Run, cancellationToken);
        return logits;
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

    /// <summary>The report for logits already computed.</summary>
    /// <param name="examples">The reviews, with their labels.</param>
    /// <param name="logits">One logit per review, in the same order.</param>
    /// <param name="loss">The mean loss.</param>
    /// <param name="seconds">The time taken.</param>
    public static EvaluationReport Summarise(IReadOnlyList<EncodedReview> examples, float[] logits, double loss, double seconds)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(logits);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        var positive = new bool[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            positive[i] = examples[i].IsPositive;
            var predicted = logits[i] > 0;
            (tp, fp, tn, fn) = (predicted, positive[i]) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        var confusion = new ConfusionMatrix(tp, fp, tn, fn);
        return new EvaluationReport(examples.Count, loss, confusion.Accuracy, confusion.Precision, confusion.Recall, confusion.F1,
            RocCurve.Auc(logits, positive), confusion, seconds, Calibration.ExpectedError(Calibration.Bins(logits, positive)));
    }
}
