namespace ImdbSentiment.Training;

/// <summary>Models that cannot be combined into one ensemble; the message says which and why.</summary>
public sealed class EnsembleException : ImdbSentimentException
{
    internal EnsembleException(string message)
        : base(message)
    {
    }
}
