namespace ImdbSentiment.Training;

/// <summary>A progress report during training.</summary>
/// <param name="Phase">"train" or "validate".</param>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Batch">Batches done in this phase.</param>
/// <param name="Batches">Batches in this phase.</param>
/// <param name="Loss">Running mean loss per review in this phase.</param>
/// <param name="Accuracy">Running accuracy in this phase.</param>
/// <param name="TokensPerSecond">Real tokens per second in this phase.</param>
/// <param name="Elapsed">Time spent in this phase.</param>
public sealed record TrainingProgress(
    string Phase, int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy, double TokensPerSecond, TimeSpan Elapsed)
{
    /// <summary>Estimated time left in this phase.</summary>
    public TimeSpan Remaining => Batch == 0 ? TimeSpan.Zero : Elapsed * ((double)(Batches - Batch) / Batch);
}
