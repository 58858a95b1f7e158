namespace ImdbSentiment.Persistence;

/// <summary>How the learning rate changes over a run.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate throughout (the tutorial).</summary>
    Constant,

    /// <summary>Linear warm-up over the first 5% of steps, then cosine decay to zero.</summary>
    WarmupCosine,
}
