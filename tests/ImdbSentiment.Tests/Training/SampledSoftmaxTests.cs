using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Training;
using static TorchSharp.torch;

namespace ImdbSentiment.Tests.Training;

/// <summary>The language model's losses against plain float64 loops.</summary>
[Collection(TorchCollection.Name)]
public sealed class SampledSoftmaxTests
{
    private const int Words = 37;
    private const int Width = 6;

    [Fact]
    public void The_sampled_loss_should_match_the_float64_formula_with_repeated_candidates_and_the_target_among_them()
    {
        // Given predictions, candidates with repeats (one of them a prediction's own target) and uneven expected counts
        var (contexts, targets, weights, bias) = Case(count: 9, seed: 3);
        long[] candidates = [4, 11, 11, 2, targets[0], 30, 7];
        var logExpected = Enumerable.Range(0, Words).Select(w => Math.Log(0.2 + (w % 5) * 0.35)).ToArray();

        // When the loss is computed in fp32
        using var loss = SampledSoftmax.Loss(Tensor(contexts, Width), tensor(targets), Tensor(weights, Width), tensor(bias.Select(b => (float)b).ToArray()),
            tensor(candidates), tensor(logExpected.Select(v => (float)v).ToArray()));

        // Then it is the mean over predictions of −log softmax over {target} ∪ candidates of the corrected logits, where a
        // candidate equal to the target is left out
        var expected = 0.0;
        for (var n = 0; n < targets.Length; n++)
        {
            double Logit(long word) => Dot(contexts, n, weights, word) + bias[word] - logExpected[word];
            var target = Logit(targets[n]);
            var rivals = candidates.Where(c => c != targets[n]).Select(Logit).Append(target).ToArray();
            var max = rivals.Max();
            expected += max + Math.Log(rivals.Sum(r => Math.Exp(r - max))) - target;
        }

        Assert.Equal(expected / targets.Length, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void With_every_word_as_a_candidate_once_and_no_correction_the_sampled_loss_should_be_the_full_softmax_loss()
    {
        var (contexts, targets, weights, bias) = Case(count: 12, seed: 4);
        using var contextTensor = Tensor(contexts, Width);
        using var targetTensor = tensor(targets);
        using var weightTensor = Tensor(weights, Width);
        using var biasTensor = tensor(bias.Select(b => (float)b).ToArray());

        using var sampled = SampledSoftmax.Loss(contextTensor, targetTensor, weightTensor, biasTensor, arange(Words, ScalarType.Int64), zeros(Words));
        var (full, _) = SampledSoftmax.FullSoftmax(contextTensor, targetTensor, weightTensor, biasTensor);

        Assert.Equal(full / targets.Length, sampled.item<float>(), 1e-5);
    }

    [Fact]
    public void The_full_softmax_should_match_float64_over_several_chunks()
    {
        // Given more predictions than one chunk holds
        var count = SampledSoftmax.FullSoftmaxChunk * 2 + 77;
        var (contexts, targets, weights, bias) = Case(count, seed: 5);

        // When they are scored against every word
        var (negativeLogLikelihood, correct) = SampledSoftmax.FullSoftmax(Tensor(contexts, Width), tensor(targets), Tensor(weights, Width),
            tensor(bias.Select(b => (float)b).ToArray()));

        // Then the summed −log p(target) and the top-1 hits are the float64 loops'
        var (expectedSum, expectedCorrect) = (0.0, 0L);
        for (var n = 0; n < count; n++)
        {
            var logits = Enumerable.Range(0, Words).Select(w => Dot(contexts, n, weights, w) + bias[w]).ToArray();
            var max = logits.Max();
            expectedSum += max + Math.Log(logits.Sum(l => Math.Exp(l - max))) - logits[targets[n]];
            expectedCorrect += Array.IndexOf(logits, max) == targets[n] ? 1 : 0;
        }

        Assert.Equal(expectedSum, negativeLogLikelihood, expectedSum * 1e-5);
        Assert.InRange(correct, expectedCorrect - 2, expectedCorrect + 2); // near-ties may round either way in fp32
        Assert.True(expectedCorrect > count / Words, "the case should have hits above chance");
    }

    private static (float[] Contexts, long[] Targets, float[] Weights, double[] Bias) Case(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var contexts = Enumerable.Range(0, count * Width).Select(_ => Next()).ToArray();
        var weights = Enumerable.Range(0, Words * Width).Select(_ => Next()).ToArray();
        var bias = Enumerable.Range(0, Words).Select(_ => (double)(float)(Next() * 0.5)).ToArray();

        // Targets follow the scores half the time, so top-1 hits are not all chance.
        var targets = new long[count];
        for (var n = 0; n < count; n++)
        {
            targets[n] = random.NextInt(2) == 0
                ? Enumerable.Range(0, Words).MaxBy(w => Dot(contexts, n, weights, w) + bias[w])
                : random.NextInt(Words);
        }

        return (contexts, targets, weights, bias);
    }

    private static double Dot(float[] contexts, int n, float[] weights, long word)
    {
        var sum = 0.0;
        for (var e = 0; e < Width; e++)
        {
            sum += (double)contexts[n * Width + e] * weights[word * Width + e];
        }

        return sum;
    }

    private static Tensor Tensor(float[] values, int width) => tensor(values, [values.Length / width, width]);
}
