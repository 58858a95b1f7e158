namespace ImdbSentiment.Training;

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
/// <param name="ResidentMegabytes">The process's resident memory at the end of the epoch (a leak shows as growth).</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy,
    double TrainSeconds, double ValidationSeconds, double TrainTokensPerSecond, double LearningRate, double ResidentMegabytes);
