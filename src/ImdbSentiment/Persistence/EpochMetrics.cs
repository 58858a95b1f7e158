namespace ImdbSentiment.Persistence;

/// <summary>One epoch's figures; losses and accuracies are averaged over examples.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainLoss">Mean training loss per review (with dropout active).</param>
/// <param name="TrainAccuracy">Training accuracy.</param>
/// <param name="ValidationLoss">Mean validation loss per review.</param>
/// <param name="ValidationAccuracy">Validation accuracy.</param>
/// <param name="TrainSeconds">Wall time of the training pass.</param>
/// <param name="ValidationSeconds">Wall time of the validation pass.</param>
/// <param name="TrainTokensPerSecond">Real (unpadded) tokens trained per second.</param>
/// <param name="LearningRate">The learning rate at the end of the epoch.</param>
/// <param name="ResidentMegabytes">The process's resident memory at the end of the epoch, after freed native memory is returned.</param>
/// <param name="PeakResidentMegabytes">The process's peak resident memory so far (null in bundles written before it was recorded).</param>
/// <param name="NativeHeapInUseMegabytes">
/// Native memory allocated and not freed at the end of the epoch (glibc's count; null elsewhere): a leak grows this,
/// while memory the allocator merely keeps grows only the resident size.
/// </param>
/// <param name="ManagedHeapMegabytes">The .NET heap's size after the last garbage collection, at the end of the epoch.</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy,
    double TrainSeconds, double ValidationSeconds, double TrainTokensPerSecond, double LearningRate, double ResidentMegabytes,
    double? PeakResidentMegabytes = null, double? NativeHeapInUseMegabytes = null, double? ManagedHeapMegabytes = null);
