using ImdbSentiment.Batching;
using ImdbSentiment.Execution;
using static TorchSharp.torch;

namespace ImdbSentiment.Inference;

/// <summary>Runs a model over encoded reviews in batches, in eval mode without gradients: the forward loop of predicting and evaluating.</summary>
public static class BatchScorer
{
    /// <summary>
    /// Evaluation batches hold at most this many padded positions (longest review × reviews), so the longest
    /// reviews come in small batches and memory stays bounded whatever the batch size.
    /// </summary>
    public const int MaxPaddedTokensPerBatch = 65_536;

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
}
