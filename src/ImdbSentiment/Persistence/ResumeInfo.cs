namespace ImdbSentiment.Persistence;

/// <summary>Where a checkpointed run stands.</summary>
/// <param name="CompletedEpochs">Epochs finished.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss so far.</param>
/// <param name="BestValidationLoss">That loss.</param>
/// <param name="OptimizerSteps">Optimizer steps taken (drives the learning-rate schedule).</param>
/// <param name="BestValidationAccuracy">The best epoch's validation accuracy.</param>
/// <param name="InEpoch">Progress into the next epoch, when the checkpoint was written during it (null at an epoch's end).</param>
public sealed record ResumeInfo(
    int CompletedEpochs, int BestEpoch, double BestValidationLoss, long OptimizerSteps, double BestValidationAccuracy = 0, EpochProgress? InEpoch = null);
