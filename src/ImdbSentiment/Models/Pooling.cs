namespace ImdbSentiment.Models;

/// <summary>How a <see cref="RecurrentClassifier"/> turns the recurrent stack's states into features.</summary>
public enum Pooling
{
    /// <summary>The final hidden states of all layers and directions, concatenated (the tutorial's choice).</summary>
    FinalHidden,

    /// <summary>Max and mean over time of the last layer's outputs (padding excluded), concatenated.</summary>
    MaxMean,
}
