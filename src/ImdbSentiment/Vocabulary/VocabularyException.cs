namespace ImdbSentiment.Vocabulary;

/// <summary>A vocabulary file that cannot be used.</summary>
public sealed class VocabularyException : ImdbSentimentException
{
    private VocabularyException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    internal static VocabularyException Invalid(string source, string reason, Exception? inner = null) =>
        new($"{source}: not a valid vocabulary ({reason}); rebuild it with 'sentiment data' or retrain", inner);
}
