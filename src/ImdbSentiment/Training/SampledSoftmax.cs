using ImdbSentiment.Runtime;
using static TorchSharp.torch;

namespace ImdbSentiment.Training;

/// <summary>
/// The next-word losses of a language model whose output words are rows of a weight matrix. Training scores each
/// prediction against its target and a few shared sampled words only (Jean et al. 2015), every logit lowered by the log of
/// the word's expected count in the sample, so that its gradient approximates the full softmax's without scoring every
/// word of the vocabulary (its value is not the full loss: it adds about the log of the target's expected count). The
/// full softmax measures held-out text.
/// </summary>
public static class SampledSoftmax
{
    /// <summary>How many predictions <see cref="FullSoftmax"/> scores against the whole vocabulary at once.</summary>
    public const int FullSoftmaxChunk = 1024;

    /// <summary>The mean sampled-softmax loss of a set of predictions.</summary>
    /// <param name="contexts">Predictions' context vectors, <c>[N, E]</c>.</param>
    /// <param name="targets">The words to predict, int64 <c>[N]</c>.</param>
    /// <param name="weights">Every output word's vector, <c>[V, E]</c>.</param>
    /// <param name="bias">Every output word's bias, <c>[V]</c>.</param>
    /// <param name="candidates">The sampled words, int64 <c>[K]</c> (repeats allowed), shared by every prediction.</param>
    /// <param name="logExpectedCount">Per word, the log of its expected count among the <c>K</c> samples, <c>[V]</c>.</param>
    /// <returns>The mean loss, a scalar.</returns>
    public static Tensor Loss(Tensor contexts, Tensor targets, Tensor weights, Tensor bias, Tensor candidates, Tensor logExpectedCount)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(logExpectedCount);
        using var scope = NewDisposeScope();
        var target = contexts.mul(weights.index_select(0, targets)).sum(1)
            .add(bias.index_select(0, targets).sub(logExpectedCount.index_select(0, targets)), NativeScalars.One);          // [N]
        var sampled = contexts.matmul(weights.index_select(0, candidates).t())
            .add(bias.index_select(0, candidates).sub(logExpectedCount.index_select(0, candidates)).unsqueeze(0), NativeScalars.One); // [N, K]

        // A sampled word that is the prediction's own target would count it as its own rival.
        sampled = sampled.masked_fill(targets.unsqueeze(1).eq(candidates.unsqueeze(0)), NativeScalars.NegativeInfinity);
        var all = cat([target.unsqueeze(1), sampled], 1);                                                // [N, 1 + K]
        return all.logsumexp(1).sub(target).mean().MoveToOuterDisposeScope();
    }

    /// <summary>The full softmax over the whole vocabulary: summed negative log-likelihood and top-1 hits.</summary>
    /// <param name="contexts">Predictions' context vectors, <c>[N, E]</c>.</param>
    /// <param name="targets">The words to predict, int64 <c>[N]</c>.</param>
    /// <param name="weights">Every output word's vector, <c>[V, E]</c>.</param>
    /// <param name="bias">Every output word's bias, <c>[V]</c>.</param>
    /// <returns>The summed negative log-likelihood in nats, and how many targets had the highest score.</returns>
    public static (double NegativeLogLikelihood, long Correct) FullSoftmax(Tensor contexts, Tensor targets, Tensor weights, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        var (sum, correct) = (0.0, 0L);
        var count = contexts.shape[0];
        for (long start = 0; start < count; start += FullSoftmaxChunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(FullSoftmaxChunk, count - start);
            var chunkTargets = targets.narrow(0, start, length);
            var logits = contexts.narrow(0, start, length).matmul(weights.t()).add(bias.unsqueeze(0), NativeScalars.One);       // [n, V]
            var logProbabilities = logits.log_softmax(1).gather(1, chunkTargets.unsqueeze(1)).squeeze(1);
            sum -= logProbabilities.to_type(ScalarType.Float64).sum().item<double>();
            correct += logits.argmax(1).eq(chunkTargets).sum().item<long>();
        }

        return (sum, correct);
    }
}
