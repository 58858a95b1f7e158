namespace ImdbSentiment.Persistence;

/// <summary>How far a checkpointed run got into the epoch after its last completed one.</summary>
/// <param name="Batches">Training batches done in that epoch.</param>
/// <param name="LossSum">Their loss summed over reviews.</param>
/// <param name="Correct">Reviews they classified correctly.</param>
/// <param name="Count">Reviews they held.</param>
/// <param name="Tokens">Real tokens they held.</param>
/// <param name="Seconds">Training time spent on them.</param>
public sealed record EpochProgress(int Batches, double LossSum, long Correct, long Count, long Tokens, double Seconds);
