namespace ImdbSentiment.Training;

/// <summary>The loss became NaN or infinite; training stopped and the last good checkpoint was kept.</summary>
public sealed class TrainingDivergedException : ImdbSentimentException
{
    private TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>The epoch in which the loss became non-finite.</summary>
    public int Epoch { get; private init; }

    /// <summary>The batch (from 1) in which the loss became non-finite.</summary>
    public int Batch { get; private init; }

    internal static TrainingDivergedException NonFiniteLoss(int epoch, int batch, int batches, double loss, double learningRate, string? keptCheckpoint) => new(
        $"training diverged: the loss became {loss} at epoch {epoch}, batch {batch} of {batches} (learning rate {learningRate}); " +
        (keptCheckpoint is null ? "no epoch had completed, so no checkpoint was written; " : $"the last good checkpoint is kept in {keptCheckpoint}; ") +
        $"try a lower learning rate (--lr {learningRate / 10}) or gradient clipping")
    {
        Epoch = epoch,
        Batch = batch,
    };
}
