namespace ImdbSentiment;

/// <summary>
/// The base of every error the toolkit reports on purpose: bad input, a corrupt file, a missing requirement.
/// Its message is one line that names the culprit and the remedy, fit to show a user as it is.
/// </summary>
public abstract class ImdbSentimentException : Exception
{
    private protected ImdbSentimentException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
