using ImdbSentiment.Persistence;

namespace ImdbSentiment.Training;

/// <summary>Applies a <see cref="CheckpointSelection"/> rule.</summary>
public static class CheckpointSelector
{
    /// <summary>Whether an epoch with these validation figures beats the best so far under <paramref name="rule"/>.</summary>
    /// <param name="rule">The selection rule.</param>
    /// <param name="loss">The candidate's validation loss.</param>
    /// <param name="accuracy">The candidate's validation accuracy.</param>
    /// <param name="bestLoss">The best epoch's validation loss (+∞ before any epoch).</param>
    /// <param name="bestAccuracy">The best epoch's validation accuracy (0 before any epoch).</param>
    public static bool IsBetter(CheckpointSelection rule, double loss, double accuracy, double bestLoss, double bestAccuracy) => rule switch
    {
        CheckpointSelection.ValidationAccuracy => accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss),
        _ => loss < bestLoss,
    };
}
