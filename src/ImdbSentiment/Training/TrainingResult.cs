using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>The outcome of a run.</summary>
/// <param name="History">Every epoch's metrics.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss.</param>
/// <param name="BestValidationLoss">That loss.</param>
/// <param name="ModelPath">The bundle holding the best epoch's weights.</param>
/// <param name="CheckpointPath">The checkpoint of the last epoch.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochMetrics> History, int BestEpoch, double BestValidationLoss, string ModelPath, string CheckpointPath);
