namespace ImdbSentiment.Persistence;

/// <summary>Which validation figure picks the epoch whose weights are kept.</summary>
public enum CheckpointSelection
{
    /// <summary>The lowest validation loss (the tutorial's rule).</summary>
    ValidationLoss,

    /// <summary>The highest validation accuracy, ties broken by the lower loss.</summary>
    ValidationAccuracy,
}
