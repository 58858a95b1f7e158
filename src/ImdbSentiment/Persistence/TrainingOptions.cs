namespace ImdbSentiment.Persistence;

/// <summary>How to train. Defaults are the tutorial's bi-GRU settings.</summary>
/// <param name="Epochs">Passes over the training split.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="BatchSize">Reviews per training batch.</param>
/// <param name="Seed">Seeds torch (initialisation, dropout) and our own streams (split, shuffles).</param>
/// <param name="Threads">libtorch intra-op threads.</param>
/// <param name="WeightDecay">Adam's (L2) weight decay.</param>
/// <param name="GradientClipNorm">Clip the global gradient norm to this, if set.</param>
/// <param name="MaxTokens">Train on at most this many leading tokens per review, if set (evaluation sees all).</param>
/// <param name="Schedule">The learning-rate schedule.</param>
/// <param name="MinFrequency">The vocabulary's minimum token frequency.</param>
/// <param name="EvaluationBatchSize">Reviews per batch when evaluating (64 is the fastest on the reference machine: docs/benchmarks.md).</param>
/// <param name="SelectBy">Which validation figure picks the kept epoch.</param>
/// <param name="RecomputeSegment">
/// Keep recurrent activations for this many steps at a time and recompute them during backward, if set: far less
/// memory on long reviews, the same gradients up to float rounding, one extra forward pass (see <c>MaskedRecurrentStack.RecomputeSegment</c>).
/// </param>
/// <param name="RecomputeAboveMegabytes">
/// With <paramref name="RecomputeSegment"/>, recompute only the batches whose recurrent activations would otherwise take
/// more than this many megabytes (<c>MaskedRecurrentStack.KeptActivationBytes</c>), so ordinary batches keep their speed
/// and long ones their bound; null recomputes every batch.
/// </param>
/// <param name="Precision">
/// The number format of the forward and backward passes. <see cref="Models.Precision.BFloat16"/> trains a bfloat16 copy of
/// the model and keeps fp32 master weights and Adam state (what the bundles store); validation and the final test
/// evaluation run in the same format.
/// </param>
/// <param name="SampledWords">Language models only: how many words each batch's sampled softmax scores besides the targets
/// (see <c>Training.SampledSoftmax</c>).</param>
/// <param name="FrozenEpochs">
/// For the first this many epochs only the output layer learns (the rest keeps the weights it started with): a new output
/// layer on a model started from another one (<c>TrainingRequest.StartFrom</c>) learns before it moves the layers under it.
/// </param>
/// <param name="BodyLearningRateFactor">
/// The learning rate of every layer but the output layer, as a fraction of the schedule's rate (discriminative
/// fine-tuning: layers started from a trained model move more slowly than the new output layer). 1 trains every layer alike.
/// </param>
public sealed record TrainingOptions(
    int Epochs = 10,
    double LearningRate = 1e-3,
    int BatchSize = 64,
    ulong Seed = 1234,
    int Threads = 2,
    double WeightDecay = 0,
    double? GradientClipNorm = null,
    int? MaxTokens = null,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant,
    int MinFrequency = 10,
    int EvaluationBatchSize = 64,
    CheckpointSelection SelectBy = CheckpointSelection.ValidationLoss,
    int? RecomputeSegment = null,
    Models.Precision Precision = Models.Precision.Float32,
    int? RecomputeAboveMegabytes = null,
    int SampledWords = 1024,
    int FrozenEpochs = 0,
    double BodyLearningRateFactor = 1)
{
    /// <summary>Whether the output layer and the rest learn at different rates (<see cref="FrozenEpochs"/>, <see cref="BodyLearningRateFactor"/>).</summary>
    public bool SeparatesOutputLayer() => FrozenEpochs > 0 || BodyLearningRateFactor != 1;

    /// <summary>The learning rate of the layers under the output layer in <paramref name="epoch"/> (from 1), given the output layer's.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="outputRate">The schedule's rate, which the output layer takes.</param>
    public double BodyLearningRate(int epoch, double outputRate) => epoch <= FrozenEpochs ? 0 : outputRate * BodyLearningRateFactor;

    /// <summary>How training trades speed for memory, in words: "keeps every activation" or which batches it recomputes.</summary>
    public string DescribeRecomputation() => RecomputeSegment is not { } segment
        ? "keeps every activation"
        : RecomputeAboveMegabytes is { } above and > 0
            ? $"recomputes {segment}-step segments of batches above {above} MB of activations"
            : $"recomputes {segment}-step segments of every batch";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public TrainingOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be > 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be ≥ 0");
        }

        if (GradientClipNorm is { } clip && (!(clip > 0) || double.IsInfinity(clip)))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), clip, "must be > 0");
        }

        if (MaxTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "must be ≥ 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinFrequency, 1, nameof(MinFrequency));
        ArgumentOutOfRangeException.ThrowIfLessThan(SampledWords, 1, nameof(SampledWords));
        if (RecomputeSegment is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RecomputeSegment), RecomputeSegment, "must be ≥ 1");
        }

        if (RecomputeAboveMegabytes is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RecomputeAboveMegabytes), RecomputeAboveMegabytes, "must be ≥ 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(EvaluationBatchSize, 1, nameof(EvaluationBatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(FrozenEpochs, nameof(FrozenEpochs));
        if (!(BodyLearningRateFactor >= 0) || BodyLearningRateFactor > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BodyLearningRateFactor), BodyLearningRateFactor, "must be between 0 and 1");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Precision), Precision, "must be Float32 or BFloat16");
        }

        return this;
    }
}
